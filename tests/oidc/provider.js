// The OpenID Connect provider the sign-on tests sign in through: oidc-provider (a certified implementation of the
// standard) on 127.0.0.1, with one confidential client for sinkboard and one account for each role of
// deploy/roles.toml and one with no role.
//
//   node provider.js PORT       (or OIDC_PORT=PORT node provider.js)
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET   the dashboard's client
//   OIDC_REDIRECT_URIS                   its /oauth2callback addresses, separated by spaces (one per app process)
//
// It prints "listening <issuer>" once it answers.

import Provider from 'oidc-provider';

const port = Number(process.argv[2] || process.env.OIDC_PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node provider.js PORT (or OIDC_PORT)');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const redirectUris = (process.env.OIDC_REDIRECT_URIS || '').split(/\s+/).filter(Boolean);

// the login names the tests type, the groups deploy/roles.toml gives a role, and one person in none of them
const ACCOUNTS = {
  lead: { name: 'Li Lead', groups: ['sinkboard-leadership'] },
  staff: { name: 'Sam Staff', groups: ['sinkboard-staff'] },
  data: { name: 'Dana Data', groups: ['sinkboard-data'] },
  admin: { name: 'Ada Admin', groups: ['sinkboard-admin'] },
  nobody: { name: 'Noor Nobody', groups: [] },
};

const configuration = {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    client_name: 'sinkboard',
    redirect_uris: redirectUris,
    // st.logout asks the provider to send the browser back to the app's /oauth2callback
    post_logout_redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  // code flow with PKCE for the confidential client too (Streamlit sends S256 when the provider offers it)
  pkce: { required: () => true },
  // the groups as a scope of their own, as identity providers offer them; st.user holds the ID token's claims, so
  // every claim of the granted scopes goes into the ID token, not only to the userinfo endpoint
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
    groups: ['groups'],
  },
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          preferred_username: id,
          name: account.name,
          email: `${id}@sinkboard.test`,
          email_verified: true,
          groups: account.groups,
        };
      },
    };
  },
  // the dashboard is the bureau's own application: its people are not asked to consent to it
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
  features: {
    // the provider's own login form, which takes any password: acceptable only because it answers on loopback, to
    // the tests, for made-up accounts
    devInteractions: { enabled: true },
    // RP-initiated logout, so that st.logout signs the person out at the provider too
    rpInitiatedLogout: { enabled: true },
  },
  cookies: { keys: ['sinkboard-test-provider-only'] },
};

const provider = new Provider(issuer, configuration);
provider.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
