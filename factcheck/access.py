"""Who may do what: every permission check of the app lives here.

Roles are Django groups made by a data migration: reviewer, editor, admin. An editor can do
all a reviewer can; an admin all an editor can. Superusers count as admins. A signed-in user
in no group may see nothing but the "no access yet" page.
"""

from functools import wraps

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import resolve, reverse

REVIEWER, EDITOR, ADMIN = "reviewer", "editor", "admin"
RANK = {REVIEWER: 1, EDITOR: 2, ADMIN: 3}


def role_of(user) -> str | None:
    """The highest role a user holds, or None."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_factcheck_role"):
        if user.is_superuser:
            user._factcheck_role = ADMIN
        else:
            names = set(user.groups.values_list("name", flat=True))
            user._factcheck_role = max(names & RANK.keys(), key=RANK.get, default=None)
    return user._factcheck_role


def users_with_a_role():
    """Everyone work can be assigned to."""
    return get_user_model().objects.filter(groups__name__in=list(RANK)).distinct().order_by("username")


def may_be_assigned(user) -> bool:
    """Work goes only to people who can open it."""
    return user is None or role_of(user) is not None


# What each role may add, change or delete in the Django admin (README, "Roles"); the groups'
# model permissions (migration 0013) are exactly these. Every other record of the workbench is
# read-only there for everyone but superusers: statements, verdicts, evidence, comments, articles
# and matches change only through the workbench's services, where four eyes and history apply.
EDITOR_ADMIN_CHANGES = frozenset({"factcheck.ratingscale", "factcheck.rating", "factcheck.speaker",
                                  "factcheck.speakeralias"})


def may_change_in_admin(user, label_lower: str) -> bool:
    """May this user add, change or delete records of this workbench model in the admin?
    (Django's own models, users and groups, go by the model permissions of the admin group.)"""
    if user.is_superuser:
        return True
    return has_role(user, EDITOR) and label_lower in EDITOR_ADMIN_CHANGES


def may_decide_alias_offer(user) -> bool:
    """Whether two speakers are one person ('Sultonov' / 'Sultanov' offered at import): a
    reviewer's call as much as an editor's, like a suggested quote match."""
    return has_role(user, REVIEWER)


def may_grant_superuser(user) -> bool:
    """Only a superuser makes another: an admin who could would pass every check above."""
    return user.is_superuser


def has_role(user, role: str) -> bool:
    held = role_of(user)
    return held is not None and RANK[held] >= RANK[role]


ROLE_NAMES = {REVIEWER: "reviewers", EDITOR: "editors", ADMIN: "administrators"}


def role_required(role: str):
    """View decorator: users below `role` get the no-access page (no role) or 403."""
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if role_of(request.user) is None:
                return render(request, "factcheck/no_access.html", status=403)
            if not has_role(request.user, role):
                raise PermissionDenied(f"This page is for {ROLE_NAMES[role]}: it needs the {role} role.")
            return view(request, *args, **kwargs)
        wrapper.required_role = role
        return wrapper
    return decorator


# The main menu: (label, url name, query string). Who sees an entry is read from the view's own
# role_required, so the menu can never offer a page its view refuses.
MENU = [
    ("Articles", "article-list", ""),
    ("Statements", "statement-queue", ""),
    ("My queue", "statement-queue", "assignee=me"),
    ("Approvals", "approval-queue", ""),
    ("Dashboard", "dashboard", ""),
    ("Import", "article-import", ""),
]


def required_role(url_name: str) -> str | None:
    return getattr(resolve(reverse(url_name)).func, "required_role", None)


def menu_for(user, current: str | None = None, query: str = "") -> list[dict]:
    """The menu entries this user may use, the current page marked."""
    if role_of(user) is None:
        return []
    entries = []
    for label, name, entry_query in MENU:
        role = required_role(name)
        if role is not None and not has_role(user, role):
            continue
        url = reverse(name) + (f"?{entry_query}" if entry_query else "")
        entries.append({"label": label, "url": url, "name": name, "query": entry_query, "current": False})
    # The current page: the entry of this view whose query is exactly this one, else its plain entry.
    same_view = [e for e in entries if e["name"] == current]
    exact = [e for e in same_view if e["query"] == query] or [e for e in same_view if not e["query"]]
    if exact:
        exact[0]["current"] = True
    return entries
