"""A member asks for a copy of their data and downloads it while the link lasts."""

import io
import json
import uuid
import zipfile
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from peersupport import datarights
from peersupport.models import ExportJob
from peersupport.services import exports_purge
from tests.datarights.conftest import KEPT, PRIVATE


def _ask(client, django_capture_on_commit_callbacks) -> ExportJob:
    with django_capture_on_commit_callbacks(execute=True):  # the eager job runs on commit
        response = client.post(reverse("account_export_request"))
    job = ExportJob.objects.exclude(state=ExportJob.State.EXPIRED).get()
    assert response.url == reverse("account_export", args=[job.pk])
    return job


def _download(client, job) -> dict:
    response = client.get(reverse("account_export_download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert set(archive.namelist()) == {"README.txt", "index.html", "data.json"}
    return {
        "data": json.loads(archive.read("data.json")),
        "html": archive.read("index.html").decode(),
    }


def test_export_holds_everything_the_member_wrote_and_everything_about_them(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.mara)
    job = _ask(client, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.state == ExportJob.State.READY and job.progress == 100

    page = client.get(reverse("account_export", args=[job.pk]))
    assert b"Your download is ready. The link works until" in page.content

    archive = _download(client, job)
    data = archive["data"]
    assert data["peersupport"]["profile"][0]["email"] == "mara@example.org"
    assert data["peersupport"]["profile"][0]["display_name"] == "Mara"
    assert [r["role"] for r in data["peersupport"]["roles"]] == ["Member"]
    assert data["peersupport"]["two_factor"] and data["peersupport"]["sessions"]
    assert "secret" not in json.dumps(data["peersupport"]["two_factor"])

    community = data["communities"]
    assert community["memberships"][0]["your_answers"] == [
        {"question": "What brings you here?", "answer": f"{PRIVATE} my answer"}
    ]
    assert {p["text"] for p in community["posts"]} == {
        f"{KEPT} opening",
        f"{KEPT} lone",
        f"{KEPT} reply",
    }
    assert community["reactions"][0]["kind"] == "Sending support"
    assert {"thread": "Sleep", "following": False, "muted": True} in community["thread_choices"]
    assert community["meetings_you_signed_up_for"][0]["meeting"] == "Evening circle"
    assert community["notes_of_hope"][0]["text"] == f"{KEPT} hope"
    assert community["settings"][0]["muted_topics"] == ["news"]
    assert community["notifications"]

    peers = data["matching"]
    assert peers["experience_profile"][0]["event_name"] == f"{PRIVATE} event"
    assert peers["requests_for_a_peer"][0]["your_note"] == f"{PRIVATE} note"
    assert peers["peer_conversations"][0]["with"] == "Sam"
    assert [(m["from"], m["text"]) for m in peers["peer_messages"]] == [
        ("you", f"{PRIVATE} hello Sam"),
        ("Sam", "Hello, I'm glad you wrote."),
    ]
    assert peers["reports_you_made"][0]["text"] == f"{PRIVATE} report"
    assert peers["feedback_you_left"][0]["text"] == f"{PRIVATE} thanks"
    assert peers["peers_you_blocked"][0]["peer"] == "Olly"

    crisis = data["crisis"]
    first = crisis["crisis_chats"][0]
    assert first["how_it_ended"] == "Safety plan made"
    assert first["what_you_wrote_that_started_it"] == f"{PRIVATE} trigger"
    lines = [(m["from"], m["text"]) for m in crisis["crisis_chat_messages"]]
    assert ("you", f"{PRIVATE} chat") in lines
    assert ("Counselor", f"I hear you, {PRIVATE} counselor line") in lines
    assert crisis["crisis_chat_feedback"][0]["helped"] == 4
    # The counselor's private notes are theirs, not part of the member's copy.
    assert f"{PRIVATE} notes" not in json.dumps(data)

    html = archive["html"]
    assert "Your data from peersupport" in html
    assert f"{PRIVATE} hello Sam" in html and "Safety plan made" in html
    assert f"What brings you here?: {PRIVATE} my answer" in html


def test_asking_twice_while_preparing_gives_the_same_job(client, member):
    client.force_login(member)
    first = client.post(reverse("account_export_request"))
    second = client.post(reverse("account_export_request"))
    assert first.url == second.url
    job = ExportJob.objects.get(user=member)
    page = client.get(first.url)
    assert b"being prepared" in page.content
    assert b"refresh this page" in page.content  # works without JavaScript
    assert f'hx-get="{first.url}"'.encode() in page.content
    partial = client.get(first.url, headers={"HX-Request": "true"})
    assert b"<html" not in partial.content and b"export-status" in partial.content
    assert job.state == ExportJob.State.PENDING


def test_an_expired_link_says_so_and_the_file_is_purged(
    client, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    job = _ask(client, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    storage = datarights.export_storage()
    assert storage.exists(job.file_name)

    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("account_export_download", args=[job.pk]))
    assert response.status_code == 410
    assert b"This link has expired" in response.content

    assert exports_purge() == 1
    job.refresh_from_db()
    assert job.state == ExportJob.State.EXPIRED and job.file_name == ""
    assert not storage.exists(f"exports/{member.pk}/{job.pk}.zip")


def test_someone_elses_export_is_a_404(
    client, member, outsider, django_capture_on_commit_callbacks
):
    client.force_login(member)
    job = _ask(client, django_capture_on_commit_callbacks)
    client.force_login(outsider)
    assert client.get(reverse("account_export", args=[job.pk])).status_code == 404
    assert client.get(reverse("account_export_download", args=[job.pk])).status_code == 404


def test_archive_is_not_under_a_public_path(settings):
    private = str(settings.PRIVATE_MEDIA_ROOT)
    assert not private.startswith(str(settings.STATIC_ROOT))
    assert str(datarights.export_storage().location) == private


def test_an_archive_nobody_owns_is_deleted_by_the_purge(member):
    from django.core.files.base import ContentFile

    storage = datarights.export_storage()
    running = ExportJob.objects.create(user=member, state=ExportJob.State.RUNNING)
    in_progress = storage.save(f"exports/{member.pk}/{running.pk}.zip", ContentFile(b"partial"))
    orphan = storage.save(f"exports/{member.pk}/{uuid.uuid4()}.zip", ContentFile(b"words"))
    assert exports_purge() == 1
    assert not storage.exists(orphan)
    assert storage.exists(in_progress)  # a worker is still writing it


def test_the_readable_copy_shows_words_as_text_never_as_markup(
    client, member, django_capture_on_commit_callbacks
):
    from communities.services import note_of_hope_write

    note_of_hope_write(author=member, body='<script>alert("hi")</script> & <b>bold</b>')
    client.force_login(member)
    job = _ask(client, django_capture_on_commit_callbacks)
    html = _download(client, job)["html"]
    assert "<script>" not in html and "<b>bold" not in html
    assert "&lt;script&gt;" in html
