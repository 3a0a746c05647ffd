"""The four roles of the internal dashboard, each seeing what the one before it sees and more, and the roles file
that gives them to people by the groups (or other claims) their identity provider sends.

The roles file (TOML; SINKBOARD_ROLES names it, deploy/roles.toml by default) reads:

    groups_claim = "groups"          # the claim (sign-on) or header (trusted proxy) that lists a person's groups
    [roles]
    leadership = ["carbon-leadership"]
    staff = ["carbon-staff"]
    data_officer = ["carbon-data"]
    administrator = ["carbon-admin"]
    [people]                          # optional: a role for one person by the e-mail or user name they sign on with
    "zhang.wei@lcj.sc.gov.cn" = "administrator"

A person with several groups has the highest of their roles; one with none of them has no role and sees nothing."""

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sinkboard import PROJECT_ROOT

# in order: each role sees every page and action of the roles before it
ROLES = ("leadership", "staff", "data_officer", "administrator")
DEFAULT_FILE = PROJECT_ROOT / "deploy" / "roles.toml"


class RolesFileError(ValueError):
    """The roles file is missing or says something that is not a role map; the message names the file."""


def rank(role):
    """0 for leadership … 3 for administrator; -1 for no role."""
    return ROLES.index(role) if role in ROLES else -1


def allows(role, needed):
    """Whether a person of this role may do what needs the role `needed` (or a higher one)."""
    return rank(role) >= rank(needed) >= 0


@dataclass(frozen=True)
class RoleMap:
    groups_claim: str = "groups"
    groups: dict = field(default_factory=dict)  # group name -> role
    people: dict = field(default_factory=dict)  # lower-cased e-mail or user name -> role

    def role_of(self, names, groups):
        """The highest role that the person's names (e-mail, user name) or groups give, or None."""
        found = [self.people[n.strip().lower()] for n in names if n and n.strip().lower() in self.people]
        found += [self.groups[g] for g in groups if g in self.groups]
        return max(found, key=rank) if found else None


def roles_file():
    return Path(os.environ.get("SINKBOARD_ROLES") or DEFAULT_FILE)


def load(path=None):
    """The role map in the roles file; RolesFileError naming the file when it cannot be read or names no role."""
    path = Path(path) if path is not None else roles_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RolesFileError(f"{path}: {error}") from None
    claim = data.get("groups_claim", "groups")
    roles, people = data.get("roles", {}), data.get("people", {})
    if not isinstance(claim, str) or not isinstance(roles, dict) or not isinstance(people, dict):
        raise RolesFileError(f"{path}: groups_claim must be text, [roles] and [people] tables")
    groups = {}
    for role, names in roles.items():
        if role not in ROLES:
            raise RolesFileError(f"{path}: unknown role {role!r} (the roles are {', '.join(ROLES)})")
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise RolesFileError(f"{path}: roles.{role} must be a list of group names")
        for name in names:
            if rank(groups.get(name)) < rank(role):
                groups[name] = role
    for person, role in people.items():
        if role not in ROLES:
            raise RolesFileError(f"{path}: people.{person} has unknown role {role!r}")
    return RoleMap(claim, groups, {p.strip().lower(): r for p, r in people.items()})
