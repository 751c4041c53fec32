"""Survivors' data rights: what each app stores about a person, how it is exported and erased.

This module is the registry, and imports no app. Each app that stores anything about a person
contributes a module `<app>/datarights.py`, found with
`autodiscover_modules("datarights")`, exposing:

`USER_FIELDS: tuple[str, ...]`
    Every relation to the user model the app owns, as `"app_label.Model.field"` (foreign keys,
    one-to-ones and many-to-manys). `erase()` must leave none of them pointing at the person.
    A relation that no module lists is a bug: `unhandled_user_relations()` names it and the
    schema-walk test fails.

`PERSONAL_FIELDS: dict[str, list[str]]`
    `{"app_label.Model": [field, ...]}`: fields that hold personal values (what someone wrote,
    who they are, what happened to them). After `erase()`, no row that belonged to the
    person keeps a value in these fields (the row is gone, or the field is empty).

`KEPT_WHEN_POSTS_KEPT: dict[str, list[str]]` (optional)
    The personal fields that survive when the person chose to keep their posts as written by
    a "former member" (their words, without their identity).

`export(user) -> dict[str, list[dict]]`
    Everything the app holds about `user`, by section name (e.g. `"posts"`), as JSON-ready
    rows. Never another person's private data (private notes about the person are not theirs
    to read; words others wrote to them in their own conversations are).

`erase(user, *, former, keep_posts: bool) -> None`
    Remove the person's data, in the caller's transaction. Records another person or the
    service still needs are re-pointed at `former` (the single "former member" account) or
    stripped of identity. `keep_posts` is the person's choice for their posts.

Optional:

`ERASE_ORDER: int` (default 50): smaller erases first (crisis closes live chats before
communities removes posts, and `peersupport` itself runs last).

`retention_purge(*, now) -> dict[str, int]`: delete or blank what the retention settings no
longer allow to keep; returns counts by kind (never contents).

`settings_summary(user) -> list[dict]`: lines for the account settings page, each
`{"title", "lines": [str], "url", "action"}`, so each app keeps its own forms.

This module also contributes the platform's own part (the user row, roles, email addresses,
MFA, sessions, exports and Django's admin log) with the same names.
"""

import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils.module_loading import autodiscover_modules

from peersupport.audit import audit_forget_person
from peersupport.models import ExportJob, RoleGrant

FORMER_MEMBER_EMAIL = "former-member@peersupport.invalid"
FORMER_MEMBER_NAME = "former member"

ERASE_ORDER = 100  # the platform's own part runs last: the user row goes at the very end

USER_FIELDS = (
    "peersupport.RoleGrant.user",
    "peersupport.RoleGrant.granted_by",
    "peersupport.ExportJob.user",
    "peersupport.User.groups",
    "peersupport.User.user_permissions",
    "account.EmailAddress.user",
    "mfa.Authenticator.user",
    "usersessions.UserSession.user",
    "admin.LogEntry.user",
    "peersupport.StaffAuditEntry.actor",
)

PERSONAL_FIELDS = {
    "peersupport.User": ["email", "display_name", "password", "timezone", "last_login"],
    "account.EmailAddress": ["email"],
    "mfa.Authenticator": ["data"],
    "usersessions.UserSession": ["ip", "user_agent", "session_key", "data"],
    "peersupport.ExportJob": ["file_name"],
}


# --- the registry ---------------------------------------------------------------------------


def modules() -> list[ModuleType]:
    """Every app's datarights module, in erase order."""
    autodiscover_modules("datarights")
    found = []
    for config in apps.get_app_configs():
        module = sys.modules.get(f"{config.name}.datarights")
        if module is not None and hasattr(module, "erase"):
            found.append(module)
    return sorted(found, key=lambda m: getattr(m, "ERASE_ORDER", 50))


@dataclass(frozen=True)
class UserRelation:
    """One relation to the user model. `query_model.filter(**{lookup: user_pk})` finds rows."""

    name: str  # "app_label.Model.field"
    query_model: type[models.Model]
    lookup: str


def user_relations() -> list[UserRelation]:
    """Every foreign key, one-to-one and many-to-many to the user model, in every app."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for model in apps.get_models():
        label = model._meta.label
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                found.append(UserRelation(f"{label}.{field.name}", model, field.attname))
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            for through_field in through._meta.concrete_fields:
                if through_field.is_relation and through_field.related_model is user_model:
                    name = f"{label}.{field.name}"
                    found.append(UserRelation(name, through, through_field.attname))
    return found


def declared_user_fields() -> set[str]:
    return {name for module in modules() for name in getattr(module, "USER_FIELDS", ())}


def unhandled_user_relations() -> list[str]:
    """Relations to the user model that no datarights module says it erases."""
    declared = declared_user_fields()
    return sorted({r.name for r in user_relations()} - declared)


def personal_fields() -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for module in modules():
        for label, names in getattr(module, "PERSONAL_FIELDS", {}).items():
            merged.setdefault(label, []).extend(names)
    return merged


def kept_when_posts_kept() -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for module in modules():
        for label, names in getattr(module, "KEPT_WHEN_POSTS_KEPT", {}).items():
            merged.setdefault(label, []).extend(names)
    return merged


def section_owner(module: ModuleType) -> str:
    return module.__name__.rsplit(".", 1)[0]


def export_all(user, *, progress: Callable[[int], None] | None = None) -> dict[str, dict]:
    """`{app: {section: rows}}` from every module; `progress(percent)` after each."""
    # The platform's part (profile, roles) first, as a person would expect to read it.
    found = sorted(modules(), key=lambda m: m.__name__ != __name__)
    result: dict[str, dict] = {}
    for done, module in enumerate(found, start=1):
        if hasattr(module, "export"):
            result[section_owner(module)] = module.export(user)
        if progress is not None:
            progress(int(done * 100 / (len(found) + 1)))
    return result


def erase_all(user, *, former, keep_posts: bool) -> None:
    """Every module's `erase`, in order. Call inside a transaction."""
    for module in modules():
        module.erase(user, former=former, keep_posts=keep_posts)


def retention_purge_all(*, now) -> dict[str, int]:
    counts: dict[str, int] = {}
    for module in modules():
        if hasattr(module, "retention_purge"):
            for kind, count in module.retention_purge(now=now).items():
                counts[f"{section_owner(module)}.{kind}"] = count
    return counts


def settings_summaries(user) -> list[dict]:
    lines = []
    for module in modules():
        if hasattr(module, "settings_summary"):
            lines.extend(module.settings_summary(user))
    return lines


# --- the platform's own part ---------------------------------------------------------------


def former_member():
    """The single inactive "former member" account, made the first time someone leaves.

    Sign-up refuses its display name (peersupport/forms.py), so it is always free.
    """
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    user, _ = user_model.objects.get_or_create(
        email=FORMER_MEMBER_EMAIL,
        defaults={
            "display_name": FORMER_MEMBER_NAME,
            "password": make_password(None),
            "is_active": False,
        },
    )
    return user


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def export(user) -> dict[str, list[dict]]:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    return {
        "profile": [
            {
                "display_name": user.display_name,
                "email": user.email,
                "timezone": user.timezone,
                "joined": _iso(user.date_joined),
                "last_login": _iso(user.last_login),
            }
        ],
        "roles": [
            {"role": grant.get_role_display(), "since": _iso(grant.granted_at)}
            for grant in user.role_grants.all()
        ],
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        # Which kinds of second factor are set up, never their secrets.
        "two_factor": [
            {"kind": auth.get_type_display(), "added": _iso(auth.created_at)}
            for auth in Authenticator.objects.filter(user=user)
        ],
        "sessions": [
            {"signed_in": _iso(s.created_at), "address": s.ip, "device": s.user_agent}
            for s in UserSession.objects.filter(user=user)
        ],
    }


def erase(user, *, former, keep_posts: bool) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    for session in UserSession.objects.filter(user=user):
        session.end()
    for job in ExportJob.objects.filter(user=user):
        export_file_delete(job.file_name)
    ExportJob.objects.filter(user=user).delete()
    RoleGrant.objects.filter(granted_by=user).update(granted_by=None)
    RoleGrant.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    LogEntry.objects.filter(user=user).delete()
    # Admin history about this account names them in object_repr: keep the what, not the who.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
    ).update(object_repr="a deleted account")

    audit_forget_person(user)
    user.delete()


def export_storage():
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def export_file_delete(file_name: str) -> None:
    if file_name:
        storage = export_storage()
        if storage.exists(file_name):
            storage.delete(file_name)
