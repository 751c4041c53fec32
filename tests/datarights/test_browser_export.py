"""In Chromium: the export page shows its progress, then the download, without a reload."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from peersupport.models import ExportJob
from peersupport.services import account_export_prepare
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page: Page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_progress_then_download_appear_on_their_own(page: Page, live_server):
    problems = []
    # The browser's own favicon request 404s; only script errors and CSP refusals count.
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    mara = UserFactory(display_name="Mara", roles=["member"])
    job = ExportJob.objects.create(user=mara)  # queued; no worker has taken it yet
    _sign_in(page, live_server, mara)

    page.goto(f"{live_server.url}/settings/export/{job.pk}/")
    expect(page.get_by_text("Your copy is being prepared")).to_be_visible()
    expect(page.locator("progress")).to_be_visible()

    assert account_export_prepare(job_id=job.pk)  # what the Celery worker does
    expect(page.get_by_text("Your download is ready.")).to_be_visible(timeout=10_000)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download your data")).click()
    assert download.value.suggested_filename.startswith("peersupport-data-")
    assert not problems, problems
