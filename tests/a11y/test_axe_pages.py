"""axe-core in Chromium on the main pages, the staff console and the data-rights pages, as
the people who use them, phone-sized and desktop: 0 serious or critical violations. Also
pages after a form is sent (a sentence tried, a wrong password) and the export's index.html.

The world is the authorisation matrix's (tests/security/world.py): a private group with a
thread, a crisis chat, a peer conversation, a moderation queue entry, an appeal.
"""

import io
import zipfile

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peersupport import datarights, services
from tests.security.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}

# (role, url name, kwargs naming world ids)
PAGES = [
    ("anon", "home", {}),
    ("anon", "get_help", {}),
    ("anon", "account_login", {}),
    ("anon", "account_signup", {}),
    ("anon", "account_reset_password", {}),
    ("anon", "communities:directory", {}),
    ("anon", "communities:join", {"slug": "slug"}),
    ("member", "home", {}),
    ("member", "communities:group", {"slug": "slug"}),
    ("member", "communities:thread", {"slug": "slug", "thread_id": "thread_id"}),
    ("member", "communities:thread_new", {"slug": "slug"}),
    ("member", "communities:meetings", {"slug": "slug"}),
    ("member", "communities:resources", {}),
    ("member", "communities:hope", {}),
    ("member", "communities:notifications", {}),
    ("member", "communities:settings", {}),
    ("member", "matching:home", {}),
    ("member", "matching:profile", {}),
    ("member", "matching:request", {"pk": "match_request"}),
    ("member", "matching:conversation", {"pk": "match"}),
    ("member", "crisis:chat", {"escalation_id": "escalation_id"}),
    ("member", "moderation:my_decision", {"audit_id": "audit_id"}),
    ("member", "moderation:care_message", {"message_id": "message_id"}),
    ("member", "account_email", {}),
    ("member", "mfa_index", {}),
    ("sup_here", "staff_home", {}),
    ("sup_here", "moderation:queue", {}),
    ("sup_here", "moderation:entry", {"entry_id": "entry_id"}),
    ("sup_here", "moderation:member", {"slug": "slug", "user_id": "user_id"}),
    ("sup_here", "communities:requests", {"slug": "slug"}),
    ("sup_here", "communities:members", {"slug": "slug"}),
    ("sup_here", "matching:supporter_home", {}),
    ("sup_here", "matching:ask", {"pk": "suggestion"}),
    ("sup_here", "matching:conversation", {"pk": "match"}),
    ("counselor", "crisis:console", {}),
    ("counselor", "crisis:chat", {"escalation_id": "escalation_id"}),
    ("supervisor", "crisis:console", {}),
    ("admin", "moderation:appeals", {}),
    ("admin", "moderation:audit", {}),
    ("admin", "matching:manage", {}),
    ("admin", "communities:group_new", {}),
    ("admin", "communities:group_edit", {"slug": "slug"}),
    ("nomfa", "mfa_activate_totp", {}),
    # The staff console (peersupport/console.py and each app's console_urls.py), for every
    # role that can open each page: admins everywhere; supervisors metrics, canned responses
    # and shifts; the console home shows each staff role its own sections.
    ("counselor", "staff_home", {}),
    ("supervisor", "staff_home", {}),
    ("admin", "staff_home", {}),
    ("admin", "console:people", {}),
    ("admin", "console:person", {"pk": "user_id"}),
    ("admin", "console:audit", {}),
    ("admin", "console:metrics", {}),
    ("supervisor", "console:metrics", {}),
    ("admin", "crisis_console:risk_rules", {}),
    ("admin", "crisis_console:risk_rule_new", {}),
    ("admin", "crisis_console:risk_rule_edit", {"pk": "risk_rule"}),
    ("admin", "crisis_console:canned", {}),
    ("supervisor", "crisis_console:canned", {}),
    ("admin", "crisis_console:canned_edit", {"pk": "canned"}),
    ("supervisor", "crisis_console:canned_edit", {"pk": "canned"}),
    ("admin", "crisis_console:shifts", {}),
    ("supervisor", "crisis_console:shifts", {}),
    ("admin", "communities_console:groups", {}),
    ("admin", "communities_console:resources", {}),
    ("admin", "communities_console:resource_edit", {"pk": "resource"}),
    ("admin", "moderation_console:phrases", {}),
    ("admin", "moderation_console:phrase_new", {}),
    ("admin", "moderation_console:phrase_edit", {"pk": "phrase"}),
    # Survivors' data rights: the account page (as a member, staff with and without
    # two-step sign-in), Mara's finished export, deleting an account, and after.
    ("member", "account_settings", {}),
    ("sup_here", "account_settings", {}),
    ("counselor", "account_settings", {}),
    ("admin", "account_settings", {}),
    ("nomfa", "account_settings", {}),
    ("member", "account_export", {"job_id": "mara_export"}),
    ("member", "account_delete", {}),
    ("anon", "account_deleted", {}),
]

# Pages after a form is sent: (role, url name, {field label: text}, button, what appears).
AFTER_SENDING = [
    (
        "admin",
        "crisis_console:risk_rules",
        {"A sentence to try": "I can't see a way out of this"},
        "Check",
        "[data-try-level]",
    ),
    (
        "admin",
        "moderation_console:phrases",
        {"A sentence to try": "Everything happens for a reason."},
        "Check",
        "[data-try-action]",
    ),
    (
        "member",
        "account_delete",
        {"Your password, to be sure it is you": "not my password"},
        "Delete my account now",
        ".errorlist",
    ),
]

RUN_AXE = """
async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}
"""


def _serious(page, axe_script, where: str, found: list) -> list[str]:
    """Run axe on the page as it is now; serious or critical violations go into `found`.
    Returns the lesser ones, as "rule id (impact) where"."""
    page.add_script_tag(path=str(axe_script))
    minor = []
    for violation in page.evaluate(RUN_AXE):
        if violation["impact"] in ("serious", "critical"):
            found.append(f"{where}: {violation}")
        else:
            minor.append(f"{violation['id']} ({violation['impact']}) {where}")
    return minor


def _export_archive_html(user) -> str:
    """The index.html of the person's downloadable export, built as the export job builds it."""
    data = datarights.export_all(user)
    archive = services.archive_build(user=user, data=data, created_at=timezone.now())
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        return opened.read("index.html").decode()


def test_main_pages_have_no_serious_or_critical_violations(
    asgi_server, browser, with_mfa, axe_script, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_world(with_mfa)
    archive_html = _export_archive_html(world.people["member"])
    roles = {role for role, *_ in PAGES + AFTER_SENDING} - {"anon"}

    cookies = {}
    for role in roles:
        client = Client()
        client.force_login(world.people[role])
        cookies[role] = client.cookies[django_settings.SESSION_COOKIE_NAME].value

    serious, minor, runs = [], [], 0
    for size, viewport in VIEWPORTS.items():
        # One browser context (and one tab, reused) per role and size.
        pages = {}
        for role in [*roles, "anon"]:
            # axe is injected as an inline script: only these test contexts bypass CSP.
            context = browser.new_context(base_url=asgi_server, viewport=viewport, bypass_csp=True)
            if role != "anon":
                name = django_settings.SESSION_COOKIE_NAME
                context.add_cookies([{"name": name, "value": cookies[role], "url": asgi_server}])
            pages[role] = context.new_page()

        for role, name, kwargs in PAGES:
            url = reverse(name, kwargs={k: world.ids[v] for k, v in kwargs.items()})
            page = pages[role]
            response = page.goto(url)
            assert response.status == 200, f"{url} as {role}: {response.status}"
            minor += _serious(page, axe_script, f"{size} {url} as {role}", serious)
            runs += 1
        for role, name, fields, button, shown in AFTER_SENDING:
            url = reverse(name)
            page = pages[role]
            page.goto(url)
            for label, text in fields.items():
                page.get_by_label(label).fill(text)
            page.get_by_role("button", name=button).click()
            page.locator(shown).first.wait_for()
            minor += _serious(page, axe_script, f"{size} {url} as {role}, after sending", serious)
            runs += 1
        # The export's index.html, opened from the ZIP on the member's own computer.
        page = pages["member"]
        page.set_content(archive_html)
        assert "Mara" in page.content()
        minor += _serious(page, axe_script, f"{size} export index.html", serious)
        runs += 1
        if size == "phone":
            # axe can see: an image with no words for it is reported as critical.
            control = pages["anon"]
            control.goto("/")
            control.add_script_tag(path=str(axe_script))
            control.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x.png>')")
            found = {(v["id"], v["impact"]) for v in control.evaluate(RUN_AXE)}
            assert ("image-alt", "critical") in found, found
        for page in pages.values():
            page.context.close()
    views = len(PAGES) + len(AFTER_SENDING) + 1
    print(
        f"\naxe-core: {runs} page views ({views} pages x phone and desktop: {len(PAGES)} "
        f"by URL, {len(AFTER_SENDING)} after sending a form, the export's index.html); "
        f"serious or critical: {len(serious)}; moderate or minor: {len(minor)}"
    )
    for line in minor:
        print(f"  {line}")
    assert not serious, "\n".join(serious)
