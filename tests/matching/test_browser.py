"""Two people talk live in Chromium: what one sends appears for the other without a reload.

Django's live_server speaks only HTTP, so this uses Channels' live server (daphne in a
child process) and drives Debian's Chromium with Playwright's sync API.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from channels.testing import ChannelsLiveServerTestCase
from django.conf import settings
from django.db import connection
from django.test import Client
from playwright.sync_api import expect

from matching import services
from matching.choices import encode_list
from matching.models import ExperienceProfile, SupporterProfile
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


class ConversationInTheBrowser(ChannelsLiveServerTestCase):
    serve_static = True

    @classmethod
    def setUpClass(cls):
        # pytest-django has already switched NAME to the test database; the live server's
        # child process would prefix "test_" again unless TEST.NAME says where it is.
        test_settings = settings.DATABASES["default"].setdefault("TEST", {})
        cls._old_test_name = test_settings.get("NAME")
        test_settings["NAME"] = connection.settings_dict["NAME"]
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        settings.DATABASES["default"]["TEST"]["NAME"] = cls._old_test_name

    @pytest.fixture(autouse=True)
    def _use_the_session_browser(self, browser):
        # pytest-playwright's browser (Debian's Chromium, see tests/conftest.py): a second
        # sync_playwright() in the same process would clash with its event loop.
        self.browser = browser

    def setUp(self):
        from django.utils import timezone

        self.mara = UserFactory(display_name="Mara", roles=["member"])
        self.sam = UserFactory(display_name="Sam", roles=["member", "supporter"])
        ExperienceProfile.objects.create(user=self.mara, event_kind="shooting", affected="bereaved")
        SupporterProfile.objects.create(
            user=self.sam,
            event_kind="shooting",
            affected="bereaved",
            languages=encode_list(["en"]),
            verified_at=timezone.now(),
            readiness_confirmed_at=timezone.now(),
        )
        TOTP.activate(self.sam, generate_totp_secret())

    def _context(self, browser, user):
        client = Client()
        client.force_login(user)
        context = browser.new_context()
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": self.live_server_url,
                }
            ]
        )
        return context

    def test_member_asks_supporter_accepts_and_they_talk_live(self):
        browser = self.browser
        try:
            mara = self._context(browser, self.mara).new_page()
            mara.goto(self.live_server_url + "/peers/")
            mara.get_by_role("link", name="Ask for a peer").click()
            mara.get_by_label("Anything you'd like your peer to know").fill("Hello.")
            mara.get_by_role("button", name="Show me who could talk with me").click()
            expect(mara.get_by_text("Also lost a family member in a shooting")).to_be_visible()
            mara.get_by_role("button", name="Ask Sam").click()
            expect(mara.locator(".waiting")).to_contain_text("asked Sam")

            suggestion = self.sam.suggested_in.get()
            match = services.suggestion_accept(suggestion_id=suggestion.pk, supporter=self.sam)
            url = f"{self.live_server_url}/peers/conversations/{match.pk}/"

            sam = self._context(browser, self.sam).new_page()
            sam.goto(url)
            mara.goto(url)
            for page in (mara, sam):
                expect(page.locator("#chat[data-live=true]")).to_be_attached()

            mara.get_by_label("Your message").fill("Thank you for saying yes.")
            mara.get_by_role("button", name="Send").click()
            expect(sam.get_by_text("Thank you for saying yes.")).to_be_visible()
            expect(mara.get_by_text("Thank you for saying yes.")).to_be_visible()

            sam.get_by_label("Your message").fill("I'm glad you asked.")
            sam.keyboard.press("Tab")
            sam.get_by_role("button", name="Send").click()
            expect(mara.get_by_text("I'm glad you asked.")).to_be_visible()
            assert match.messages.count() == 2
        finally:
            for context in browser.contexts:
                context.close()
            # Inside sync Playwright, Django opens a separate connection; close it so
            # the test database can be dropped at the end.
            connection.close()
