"""Writes for people and roles. Views, commands and other apps call these."""

import io
import json
import logging
import uuid
import zipfile
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from peersupport import datarights, jobs
from peersupport.consumers import sockets_recheck
from peersupport.models import ExportJob, Heartbeat, RoleGrant, User
from peersupport.roles import Role

logger = logging.getLogger(__name__)


@transaction.atomic
def user_create(
    *,
    email: str,
    display_name: str,
    password: str | None,
    roles: tuple[str, ...] = (Role.MEMBER,),
) -> User:
    """Create a person with `roles` (a member by default). No email is sent here."""
    user = User.objects.create_user(email=email, password=password, display_name=display_name)
    for role in roles:
        RoleGrant.objects.create(user=user, role=role)
    return user


def role_grant(*, user: User, role: str, granted_by: User | None = None) -> bool:
    """Give `user` the role. False when they already held it."""
    _grant, created = RoleGrant.objects.get_or_create(
        user=user, role=role, defaults={"granted_by": granted_by}
    )
    user.forget_cached_roles()
    return created


def role_revoke(*, user: User, role: str) -> bool:
    """Take the role away. False when they did not hold it."""
    deleted, _ = RoleGrant.objects.filter(user=user, role=role).delete()
    user.forget_cached_roles()
    if deleted:  # their open sockets (console, threads, queue, chats) re-check at once
        transaction.on_commit(partial(sockets_recheck, user.pk))
    return bool(deleted)


def heartbeat_record(*, name: str) -> None:
    """Note that the periodic job `name` ran just now."""
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})


# --- data rights: export, delete, retention -------------------------------------------------


EXPORT_STALE_AFTER = timedelta(hours=1)  # a job a dead worker held: let the member ask again


def account_export_request(*, user: User) -> ExportJob:
    """Queue a copy of the person's data; the unfinished one when they already asked."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one request at a time
        stale_before = timezone.now() - EXPORT_STALE_AFTER
        ExportJob.objects.filter(
            user=user, state__in=[ExportJob.State.PENDING, ExportJob.State.RUNNING],
            created_at__lt=stale_before,
        ).update(state=ExportJob.State.FAILED, finished_at=timezone.now())  # fmt: skip
        job = ExportJob.objects.filter(
            user=user, state__in=[ExportJob.State.PENDING, ExportJob.State.RUNNING]
        ).first()
        if job is not None:
            return job
        job = ExportJob.objects.create(user=user)

    transaction.on_commit(
        lambda: jobs.task_delay("peersupport.tasks.account_export_prepare", str(job.pk))
    )
    return job


def _set_progress(job_id, percent: int) -> None:
    ExportJob.objects.filter(pk=job_id, state=ExportJob.State.RUNNING).update(progress=percent)


def account_export_prepare(*, job_id) -> bool:
    """Build the ZIP (JSON and readable HTML) for a queued export. False when already taken.

    Runs outside a transaction so each step's progress is visible to the waiting page.
    """
    won = ExportJob.objects.filter(pk=job_id, state=ExportJob.State.PENDING).update(
        state=ExportJob.State.RUNNING, started_at=timezone.now(), progress=1
    )
    if not won:
        return False
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    try:
        data = datarights.export_all(job.user, progress=lambda p: _set_progress(job_id, p))
        content = archive_build(user=job.user, data=data, created_at=job.created_at)
        name = f"exports/{job.user_id}/{job.pk}.zip"
        storage = datarights.export_storage()
        datarights.export_file_delete(name)
        saved = storage.save(name, ContentFile(content))
    except Exception as exc:
        # No traceback: database errors can quote the values they refused.
        logger.error("export %s failed: %s", job_id, type(exc).__name__)
        ExportJob.objects.filter(pk=job_id).update(
            state=ExportJob.State.FAILED, finished_at=timezone.now()
        )
        return False
    now = timezone.now()
    finished = ExportJob.objects.filter(pk=job_id, state=ExportJob.State.RUNNING).update(
        state=ExportJob.State.READY,
        progress=100,
        finished_at=now,
        expires_at=now + timedelta(hours=settings.DATARIGHTS_EXPORT_HOURS),
        file_name=saved,
        size=len(content),
    )
    if not finished:  # the account was deleted meanwhile: leave no copy behind
        datarights.export_file_delete(saved)
        return False
    return True


def _readable(value):
    """Rows for people: lists joined, small dicts as "key: value", keys in plain words."""
    if isinstance(value, dict):
        if set(value) == {"question", "answer"}:
            return f"{value['question']}: {value['answer']}"
        return {key.replace("_", " "): _readable(item) for key, item in value.items()}
    if isinstance(value, list):
        return "; ".join(str(_readable(item)) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def archive_build(*, user: User, data: dict, created_at) -> bytes:
    """A ZIP holding data.json (everything, for machines) and index.html (for people)."""
    sections = [
        (name.replace("_", " ").capitalize(), [_readable(row) for row in rows])
        for app_sections in data.values()
        for name, rows in app_sections.items()
    ]
    html = render_to_string(
        "peersupport/export/archive.html",
        {"sections": sections, "display_name": user.display_name, "created_at": created_at},
    )
    readme = (
        "This is a copy of everything peersupport stores about you.\n\n"
        "index.html: open it in a browser to read it.\n"
        "data.json: the same, in a format other programs can read.\n\n"
        "Keep this file somewhere private: it holds what you wrote.\n"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme)
        archive.writestr("index.html", html)
        archive.writestr(
            "data.json", json.dumps(data, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder)
        )
    return buffer.getvalue()


def exports_purge(*, now=None) -> int:
    """Delete archives whose link expired. Returns how many."""
    now = now or timezone.now()
    count = 0
    for job in ExportJob.objects.filter(state=ExportJob.State.READY, expires_at__lte=now):
        datarights.export_file_delete(job.file_name)
        count += ExportJob.objects.filter(pk=job.pk, state=ExportJob.State.READY).update(
            state=ExportJob.State.EXPIRED, file_name=""
        )
    stale_before = now - EXPORT_STALE_AFTER
    ExportJob.objects.filter(
        state__in=[ExportJob.State.PENDING, ExportJob.State.RUNNING], created_at__lt=stale_before
    ).update(state=ExportJob.State.FAILED, finished_at=now)
    return count + _orphan_exports_delete()


def _export_running(job_id: str) -> bool:
    try:
        key = uuid.UUID(job_id)
    except ValueError:
        return False
    return ExportJob.objects.filter(pk=key, state=ExportJob.State.RUNNING).exists()


def _orphan_exports_delete() -> int:
    """Archives no ready job owns (a crash between writing and recording): delete them."""
    storage = datarights.export_storage()
    if not storage.exists("exports"):
        return 0
    owned = set(
        ExportJob.objects.filter(state=ExportJob.State.READY).values_list("file_name", flat=True)
    )
    count = 0
    folders, _files = storage.listdir("exports")
    for folder in folders:
        for name in storage.listdir(f"exports/{folder}")[1]:
            path = f"exports/{folder}/{name}"
            if path in owned or _export_running(name.removesuffix(".zip")):
                continue
            storage.delete(path)
            count += 1
    return count


class WrongPassword(Exception):
    pass


def account_delete(*, user: User, password: str, keep_posts: bool) -> None:
    """Erase the person and everything that names them, in one transaction.

    Posts are removed, or kept as written by "former member" when `keep_posts`. Crisis
    records keep only what RETENTION_CRISIS_RECORD_DAYS allows, without identity or text.
    WrongPassword, and nothing changes, when `password` is not theirs.
    """
    if not user.check_password(password):
        raise WrongPassword
    account_erase(user=user, keep_posts=keep_posts)


@transaction.atomic
def account_erase(*, user: User, keep_posts: bool) -> None:
    """The deletion itself, without the password check (for tests and admin tools)."""
    User.objects.select_for_update().get(pk=user.pk)
    former = datarights.former_member()
    if former.pk == user.pk:
        raise ValueError("The former-member account cannot be deleted.")
    datarights.erase_all(user, former=former, keep_posts=keep_posts)
    logger.info("an account was deleted (posts %s)", "kept" if keep_posts else "removed")


def retention_purge(*, now=None) -> dict[str, int]:
    """What the retention settings no longer allow to keep, deleted or blanked."""
    counts = datarights.retention_purge_all(now=now or timezone.now())
    logger.info("retention purge: %s", counts)
    return counts


def sessions_end_others(*, user: User, keep_session_key: str | None) -> int:
    """Sign the person out everywhere except the session they are using. Returns how many."""
    from allauth.usersessions.models import UserSession

    ended = 0
    for session in UserSession.objects.filter(user=user).exclude(session_key=keep_session_key):
        session.end()
        ended += 1
    if ended:
        transaction.on_commit(partial(sockets_recheck, user.pk))
    return ended


def session_end(*, user: User, session_id: int) -> bool:
    """End one of the person's own sessions. False when it is not theirs or already gone."""
    from allauth.usersessions.models import UserSession

    session = UserSession.objects.filter(pk=session_id, user=user).first()
    if session is None:
        return False
    session.end()
    transaction.on_commit(partial(sockets_recheck, user.pk))  # its open pages close
    return True


def account_close(*, user: User) -> bool:
    """The one way an account is closed (a moderator's ban, a console suspension): it can no
    longer sign in, every session ends, and its open pages and sockets close on commit.
    False when it was already closed. In the caller's transaction; the caller audits."""
    from allauth.usersessions.models import UserSession
    from django.contrib.sessions.models import Session

    won = User.objects.filter(pk=user.pk, is_active=True).update(is_active=False)
    if not won:
        return False
    user.is_active = False
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    transaction.on_commit(partial(sockets_recheck, user.pk))
    return True
