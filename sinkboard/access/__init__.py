"""Who may see what: the roles file that maps the identity provider's groups to roles, and the audit log."""
