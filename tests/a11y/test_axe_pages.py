"""axe-core in Chromium on the main pages, as the people who use them, phone-sized and
desktop: 0 serious or critical violations.

The world is the authorisation matrix's (tests/security/world.py): a private group with a
thread, a crisis chat, a peer conversation, a moderation queue entry, an appeal.
"""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

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


def test_main_pages_have_no_serious_or_critical_violations(
    asgi_server, browser, with_mfa, axe_script, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_world(with_mfa)

    cookies = {}
    for role in {role for role, _, _ in PAGES} - {"anon"}:
        client = Client()
        client.force_login(world.people[role])
        cookies[role] = client.cookies[django_settings.SESSION_COOKIE_NAME].value

    serious, minor, runs = [], 0, 0
    for size, viewport in VIEWPORTS.items():
        contexts = {}
        for role, name, kwargs in PAGES:
            if role not in contexts:
                # axe is injected as an inline script: only these test contexts bypass CSP.
                context = browser.new_context(
                    base_url=asgi_server, viewport=viewport, bypass_csp=True
                )
                if role != "anon":
                    context.add_cookies(
                        [
                            {
                                "name": django_settings.SESSION_COOKIE_NAME,
                                "value": cookies[role],
                                "url": asgi_server,
                            }
                        ]
                    )
                contexts[role] = context
            url = reverse(name, kwargs={k: world.ids[v] for k, v in kwargs.items()})
            page = contexts[role].new_page()
            response = page.goto(url)
            assert response.status == 200, f"{url} as {role}: {response.status}"
            page.add_script_tag(path=str(axe_script))
            for violation in page.evaluate(RUN_AXE):
                if violation["impact"] in ("serious", "critical"):
                    serious.append(f"{size} {url} as {role}: {violation}")
                else:
                    minor += 1
            runs += 1
            page.close()
        if size == "phone":
            # axe can see: an image with no words for it is reported as critical.
            control = contexts["anon"].new_page()
            control.goto("/")
            control.add_script_tag(path=str(axe_script))
            control.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x.png>')")
            found = {(v["id"], v["impact"]) for v in control.evaluate(RUN_AXE)}
            assert ("image-alt", "critical") in found, found
        for context in contexts.values():
            context.close()
    print(
        f"\naxe-core: {runs} page views ({len(PAGES)} pages x phone and desktop); "
        f"serious or critical: {len(serious)}; moderate or minor: {minor}"
    )
    assert not serious, "\n".join(serious)
