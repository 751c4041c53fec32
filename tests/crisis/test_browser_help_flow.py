"""In Chromium: a member presses "Get help now"; a counselor on duty sees it live, takes the
chat, they talk, the counselor closes it, and the member sees the survey.

Daphne serves the real ASGI app (HTTP and websockets) from a subprocess, on the test database.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from playwright.sync_api import expect

from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
DAPHNE = str(Path(sys.executable).with_name("daphne"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path, settings):
    db = connection.settings_dict
    port = _free_port()
    env = dict(os.environ)
    env.update(
        DJANGO_ENV="test",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=settings.REDIS_URL,
    )
    log = open(tmp_path / "daphne.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [DAPHNE, "-b", "127.0.0.1", "-p", str(port), "peersupport.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        raise RuntimeError("daphne did not start")
    yield f"http://127.0.0.1:{port}"
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)


def _signed_in(browser, base_url, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=base_url)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )
    return context.new_page()


def test_member_presses_help_and_a_counselor_answers_live(server, browser, with_mfa, member):
    from crisis import services

    cora = with_mfa(UserFactory(email="cora@example.org", display_name="Cora", roles=["counselor"]))
    services.counselor_duty_set(counselor=cora, on_duty=True)

    console = _signed_in(browser, server, cora)
    console.goto("/crisis/console/")
    expect(console.locator("[data-crisis-console]")).to_have_attribute("data-live", "1")
    expect(console.locator("[data-queue]")).to_contain_text("Nobody is waiting")

    mara = _signed_in(browser, server, member)
    mara.goto("/")
    mara.get_by_role("button", name="Get help now").click()
    expect(mara.get_by_role("heading", name="You're not alone. We're here.")).to_be_visible()
    expect(mara.locator("[data-status]")).to_contain_text("number 1")
    expect(mara.get_by_role("link", name="Call 988")).to_be_visible()
    expect(mara.locator("[data-crisis-chat]")).to_have_attribute("data-live", "1")

    # The alert arrives on the console without a reload.
    item = console.locator(".queue-item", has_text="Mara")
    expect(item).to_be_visible()
    item.get_by_role("button", name="Take this chat").click()
    expect(console.get_by_role("heading", name="Crisis chat with Mara")).to_be_visible()

    expect(mara.locator("[data-status]")).to_contain_text("Cora (crisis counselor) is with you")
    mara.get_by_label("Write to the counselor").fill("I can't stop shaking")
    mara.get_by_role("button", name="Send").click()
    expect(console.locator("[data-chat-log]")).to_contain_text("I can't stop shaking")

    console.get_by_label("Your message").fill("I'm here with you. Are you somewhere safe?")
    console.get_by_role("button", name="Send").click()
    expect(mara.locator("[data-chat-log]")).to_contain_text("Are you somewhere safe?")

    console.get_by_label("How did it end?").select_option("safe")
    console.get_by_role("button", name="Close chat").click()
    expect(console.get_by_role("heading", name="Crisis console")).to_be_visible()

    expect(mara.get_by_text("Did this chat help?")).to_be_visible()
    mara.get_by_label("5").check()
    mara.get_by_role("button", name="Send").click()
    expect(mara.get_by_text("Thank you for telling us.")).to_be_visible()
