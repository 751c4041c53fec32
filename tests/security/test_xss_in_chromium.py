"""Issue 8, bad input: every vector of the corpus, through every field that shows what
people type, rendered in Chromium by the people who read it. Nothing may run or navigate.

The hook, installed before any page script: alert/confirm/prompt/print recorded, dialogs
recorded and dismissed, `window.__xss` watched, CSP violations recorded (an injected
handler that only CSP stopped is still a sanitiser hole), navigations and popups recorded,
requests to any other origin recorded. After load, the DOM itself is searched for anything
that could run later: `on*` attributes, scripts not from our static files, frames, objects,
embeds, `<base>`, `<meta http-equiv>`, and javascript:/data:/vbscript: URLs.

Fields: group names and descriptions (directory), group rules, thread titles, post bodies,
replies, content-warning labels, display names (post authors, join requests, flags),
screening answers, flag notes, moderators' notes, notes of hope, resource entries, meeting
titles, crisis chat lines (member and counselor views, live over the websocket), peer
messages (both sides, live), a care message, an appeal and a report.

What staff type in the console, through the services its forms call: canned responses
(the console lists, and the counselor's chat page, where every one is put into the message
box), risk rules (pattern and note; the list, an edit page, "try a sentence"), watched
phrases (pattern and the explanation an author reads: the console, "try a sentence", and a
member nudged by all of them at once), groups and resource entries created by an admin
(the console lists and edit page), and the staff audit log that records each change, with
the people list and a person's page. And the member's data export: downloaded for real,
its index.html opened with no CSP, as a file on her computer would be.
"""

import contextlib
import io
import re
import time
import zipfile
from datetime import time as dt_time
from datetime import timedelta
from functools import partial

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from communities.console_services import resource_save
from communities.models import Group, Membership, Post, Resource, Thread
from communities.services import (
    group_create,
    meeting_schedule,
    membership_request,
    note_of_hope_write,
    post_create,
    thread_create,
)
from crisis import services as crisis_services
from crisis.console_services import canned_response_save, risk_rule_save, shift_add
from crisis.models import CannedResponse, ChatMessage, RiskLevel, RiskRule, Trigger
from matching import services as matching_services
from matching.choices import encode_list
from matching.models import ExperienceProfile, SupporterProfile
from moderation import rules
from moderation.models import AuditEntry, QueueEntry, WatchedPhrase
from moderation.services import (
    appeal_create,
    care_message_send,
    flag_create,
    member_note_add,
    phrase_save,
    post_moderate,
    post_review_open,
)
from peersupport.models import ExportJob, StaffAuditEntry
from peersupport.sanitize import render_markdown
from peersupport.services import account_export_prepare
from tests.factories import UserFactory
from tests.security.world import risk_rules_keep_defaults
from tests.security.xss_corpus import VECTORS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHUNK = 25  # the group page lists 25 threads; a thread page shows 40 posts

HOOK = """
(() => {
  const log = [];
  Object.defineProperty(window, "__xssLog", {value: log});
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => { log.push(name + ": " + String(args[0]).slice(0, 80)); };
  }
  document.addEventListener("securitypolicyviolation", (e) => {
    log.push("csp " + e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
  });
})();
"""

DOM_SCAN = """
() => {
  const bad = [];
  const urlAttrs = ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc",
                    "background", "poster", "lowsrc", "dynsrc", "ping"];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = a.value.replace(/[\\s\\u0000-\\u0020\\u00ad]/g, "").toLowerCase();
      if (name.startsWith("on") || name.startsWith("hx-on") || name.startsWith("data-hx-on"))
        bad.push(el.tagName + " [" + name + "]");
      if (urlAttrs.includes(name) && /^(javascript|vbscript|data):/.test(value))
        bad.push(el.tagName + " " + name + "=" + value.slice(0, 40));
      if (name === "style" && /(expression|url\\(|position:fixed)/.test(value))
        bad.push(el.tagName + " style=" + value.slice(0, 40));
    }
    const tag = el.tagName;
    const frames = ["IFRAME", "FRAME", "FRAMESET", "OBJECT", "EMBED", "APPLET", "BASE", "PORTAL"];
    if (frames.includes(tag)) bad.push(tag);
    if (tag === "META" && el.httpEquiv) bad.push("META http-equiv=" + el.httpEquiv);
    if (tag === "SCRIPT") {
      const url = el.src ? new URL(el.src) : null;
      const ours = url && url.origin === location.origin && url.pathname.startsWith("/static/");
      if (!ours && el.type !== "application/json")
        bad.push("SCRIPT " + (el.src || el.textContent.slice(0, 40)));
    }
    if (tag === "LINK" && el.href && new URL(el.href).origin !== location.origin)
      bad.push("LINK " + el.href);
    if (tag === "STYLE" && !el.closest("head")) bad.push("STYLE in body");
  }
  if (window.__xss !== undefined) bad.push("window.__xss was set");
  return bad.concat(window.__xssLog || []);
}
"""


def _fit(text: str, size: int) -> str:
    return text[:size]


def _seed(vectors):
    """Every vector into every field, through the services the forms call."""
    sam = UserFactory(display_name="Sam", roles=["member", "supporter"])
    mara = UserFactory(display_name="Mara", roles=["member"])
    cora = UserFactory(display_name="Cora", roles=["counselor"])
    ada = UserFactory(display_name="Ada", roles=["admin"])
    abe = UserFactory(display_name="Abe", roles=["admin"])
    for staff in (sam, cora, ada, abe):
        TOTP.activate(staff, generate_totp_secret())
    authors = [
        UserFactory(display_name=_fit(f"{i} {v}", 40), email=f"writer{i}@example.org")
        for i, v in enumerate(vectors)
    ]
    for i, vector in enumerate(vectors):
        # As an admin creates a group in the console: recorded in the staff audit log.
        group_create(
            actor=ada, name=_fit(f"G{i:03} {vector}", 80), description=vector, supporters=[sam]
        )
    chunks = []
    for k in range(0, len(vectors), CHUNK):
        part = vectors[k : k + CHUNK]
        people = authors[k : k + CHUNK]
        group = Group.objects.get(name__startswith=f"G{k:03} ")
        group.rules = "\n\n".join(part)
        group.rules_html = render_markdown(group.rules)
        group.save(update_fields=["rules", "rules_html"])
        for person in [*people, mara]:
            Membership.objects.get_or_create(
                group=group, user=person, defaults={"state": Membership.State.ACTIVE}
            )
        threads = [
            thread_create(
                group=group,
                author=person,
                title=_fit(vector, 140),
                topic="general",
                body=vector,
                post_anyway=True,
            )
            for person, vector in zip(people, part, strict=True)
        ]
        for person, vector in zip(people, part, strict=True):
            post_create(thread=threads[0], author=person, body=vector, post_anyway=True)
            post_create(
                thread=threads[1] if len(threads) > 1 else threads[0],
                author=person,
                body="Quiet words.",
                cw_label=_fit(vector, 80),
                post_anyway=True,
            )
            meeting_schedule(
                group=group,
                created_by=sam,
                title=_fit(vector, 120),
                starts_at=timezone.now() + timedelta(days=2),
                duration_minutes=60,
                capacity=10,
                video_url="https://meet.example.org/room",
                facilitator=sam,
            )
        chunks.append((group, threads[0], threads[1] if len(threads) > 1 else threads[0]))

    screening = group_create(
        name="Screening", screening_questions=["What brings you here?"], supporters=[sam]
    )
    for person, vector in zip(authors, vectors, strict=True):
        membership_request(group=screening, user=person, answers=[vector], accepted_rules=True)

    home = chunks[0][0]
    target = post_create(thread=chunks[0][1], author=mara, body="Mara's words.", post_anyway=True)
    for person, vector in zip(authors, vectors, strict=True):
        if not Membership.objects.filter(group=home, user=person).exists():
            Membership.objects.create(group=home, user=person, state=Membership.State.ACTIVE)
        flag_create(post=target, flagger=person, reason="hurtful", note=_fit(vector, 500))
        member_note_add(group=home, member=mara, author=sam, body=vector)
        note_of_hope_write(author=person, body=_fit(vector, 400))
        resource_save(
            actor=ada,
            name=_fit(vector, 120),
            description=vector,
            region=_fit(vector, 80),
            languages=_fit(vector, 120),
            category="article",
        )
    entry = QueueEntry.objects.filter(post=target).first()
    joined = "\n\n".join(vectors)
    care = care_message_send(entry_id=entry.pk, moderator=sam, body=_fit(joined, 2000))
    removed = post_create(thread=chunks[0][1], author=mara, body="To be removed.", post_anyway=True)
    removal_entry = post_review_open(post=removed, moderator=ada)
    post_moderate(entry_id=removal_entry.pk, moderator=ada, action="remove", reason="names")
    decision = AuditEntry.objects.filter(action="post_remove").latest("pk")
    appeal_create(audit_id=decision.pk, member=mara, message=_fit(joined, 2000))

    crisis_services.counselor_duty_set(counselor=cora, on_duty=True)
    escalation = crisis_services.escalation_open(member=mara, trigger=Trigger.BUTTON)
    crisis_services.escalation_claim(escalation_id=escalation.pk, counselor=cora)
    crisis_services.escalation_activate(escalation_id=escalation.pk, counselor=cora)
    for i, vector in enumerate(vectors):
        # Chat keeps text only: a vector that is all tags leaves nothing to send.
        with contextlib.suppress(crisis_services.CrisisError):
            crisis_services.chat_message_post(
                escalation_id=escalation.pk,
                author=mara if i % 2 == 0 else cora,
                author_kind=ChatMessage.Author.MEMBER
                if i % 2 == 0
                else ChatMessage.Author.COUNSELOR,
                body=vector,
            )

    ExperienceProfile.objects.create(
        user=mara,
        event_kind="shooting",
        affected="bereaved",
        languages=encode_list(["en"]),
        ways=encode_list(["chat"]),
    )
    SupporterProfile.objects.create(
        user=sam,
        event_kind="shooting",
        affected="bereaved",
        languages=encode_list(["en"]),
        ways=encode_list(["chat"]),
        bio=_fit(joined, 600),
        availability=_fit(vectors[0], 120),
        verified_at=timezone.now(),
        training_programme="Peer listening basics",
        readiness_confirmed_at=timezone.now(),
    )
    request = matching_services.match_request_create(member=mara)
    suggestion = request.suggestions.get(supporter=sam)
    matching_services.suggestion_pick(suggestion_id=suggestion.pk, member=mara)
    match = matching_services.suggestion_accept(suggestion_id=suggestion.pk, supporter=sam)
    for i, vector in enumerate(vectors):
        matching_services.message_send(
            match_id=match.pk, author=mara if i % 2 == 0 else sam, body=vector
        )
    matching_services.report_create(match_id=match.pk, reporter=mara, text=_fit(joined, 2000))

    console = _seed_console_text(vectors, ada=ada, cora=cora)
    export_path = _seed_export(mara)

    pages = [(None, "/groups/")]
    for group, first, second in chunks:
        pages += [
            (sam, f"/groups/{group.slug}/"),
            (sam, first.get_absolute_url()),
            (mara, second.get_absolute_url()),
            (mara, f"/groups/{group.slug}/meetings/"),
            (None, f"/groups/{group.slug}/join/"),
        ]
    pages += [
        (mara, chunks[0][1].get_absolute_url()),
        (sam, f"/groups/{screening.slug}/requests/"),
        (sam, f"/moderation/entries/{entry.pk}/"),
        (sam, "/moderation/"),
        (sam, f"/moderation/groups/{home.slug}/members/{mara.pk}/"),
        (sam, "/groups/hope/review/"),
        (mara, "/groups/resources/"),
        (mara, f"/moderation/messages/{care.pk}/"),
        (abe, "/moderation/appeals/"),
        (ada, "/peers/manage/"),
        (mara, f"/crisis/chat/{escalation.pk}/"),
        (cora, f"/crisis/chat/{escalation.pk}/"),
        (mara, f"/peers/conversations/{match.pk}/"),
        (sam, f"/peers/conversations/{match.pk}/"),
        (mara, f"/peers/requests/{request.pk}/"),
        (mara, "/groups/notifications/"),
        # What staff type in the console, where it is shown.
        (ada, "/staff/crisis/canned/"),
        (ada, f"/staff/crisis/canned/{console['canned']}/"),
        (ada, "/staff/crisis/risk-rules/"),
        (ada, f"/staff/crisis/risk-rules/{console['risk_rule']}/"),
        (ada, "/staff/moderation/phrases/"),
        (ada, f"/staff/moderation/phrases/{console['phrase']}/"),
        (ada, "/moderation/audit/"),
        (ada, "/staff/community/groups/"),
        (ada, "/staff/community/resources/"),
        (ada, f"/staff/community/resources/{console['resource']}/"),
        (ada, "/staff/people/"),
        (ada, f"/staff/people/{authors[0].pk}/"),
        (ada, "/staff/audit/?action=canned_response.create"),
        (ada, "/staff/audit/?action=risk_rule.create"),
        (ada, "/staff/audit/?action=resource.create"),
        (ada, "/staff/audit/?action=group.create"),
        (ada, "/staff/metrics/"),
        (abe, "/staff/"),
    ]
    # Pages reached by doing something: (who, path, what to do there, and words that must
    # then be on the page at least so many times: the vectors arrived, as words).
    actions = [
        # The counselor puts every canned response into her message box.
        (cora, f"/crisis/chat/{escalation.pk}/", _use_canned_responses, ("alert(1)", 100)),
        # Mara writes words that match every watched phrase: she reads each explanation.
        (
            mara,
            f"/groups/{home.slug}/threads/new/",
            partial(_post_nudged, words=console["nudge_words"]),
            ("alert(1)", 100),
        ),
        # An admin tries sentences against the phrases and the risk rules (off rules are
        # tried too, and listed with their patterns).
        (
            ada,
            "/staff/moderation/phrases/",
            partial(_try, text=console["nudge_words"][:2000]),  # the form takes 2,000
            ("alert(1)", 50),
        ),
        (ada, "/staff/crisis/risk-rules/", partial(_try, text=joined[:2000]), ("rule ", 1)),
        # Mara downloads her data and opens index.html, which has no CSP to lean on.
        (mara, export_path, _open_export, ("alert(1)", 100)),
    ]
    stored = {
        "posts": Post.objects.count(),
        "threads": Thread.objects.count(),
        "chat lines": ChatMessage.objects.count(),
        "canned responses": CannedResponse.objects.count(),
        "risk rules": RiskRule.objects.count(),
        "watched phrases": WatchedPhrase.objects.count(),
        "staff audit rows": StaffAuditEntry.objects.count(),
    }
    return pages, actions, stored


def _seed_console_text(vectors, *, ada, cora) -> dict:
    """What staff type in the console, through the services its forms call: canned
    responses, risk rules (pattern and note), watched phrases (pattern and the explanation
    authors read) and a counselor's shift. Risk rules stay off and phrases match only their
    own words, so nothing people post is judged by a vector."""
    canned = rule = phrase = None
    risk_rules_keep_defaults()
    for i, vector in enumerate(vectors):
        canned = canned_response_save(
            actor=ada, title=_fit(vector, 60) or f"Reply {i}", text=vector, position=i
        )
        try:
            re.compile(vector, re.IGNORECASE)
            pattern = _fit(vector, 1000)
        except re.error:
            pattern = _fit(re.escape(vector), 1000)
        rule = risk_rule_save(
            actor=ada,
            category=RiskRule.Category.DISTRESS,
            level=RiskLevel.CONCERN,
            pattern=pattern,
            enabled=False,
            note=_fit(vector, 200),
        )
        phrase = phrase_save(
            phrase=WatchedPhrase(
                pattern=f"stillwater{i:03}",
                action=WatchedPhrase.Action.NUDGE,
                explanation=_fit(vector, 400),
            ),
            by=ada,
        )
        if rules.validate(WatchedPhrase.Kind.WORDS, _fit(vector, 300)) is None:
            phrase_save(
                phrase=WatchedPhrase(
                    pattern=_fit(vector, 300),
                    action=WatchedPhrase.Action.HOLD,
                    explanation=_fit(vector, 400),
                    is_active=False,
                ),
                by=ada,
            )
    shift_add(actor=ada, counselor=cora, weekday=1, starts_at=dt_time(9), ends_at=dt_time(17))
    nudge_words = " ".join(f"stillwater{i:03}" for i in range(len(vectors)))
    return {
        "canned": canned.pk,
        "risk_rule": rule.pk,
        "phrase": phrase.pk,
        "resource": Resource.objects.latest("pk").pk,
        "nudge_words": nudge_words,
    }


def _seed_export(mara) -> str:
    """Mara's finished export, prepared as the export job prepares it. Its download URL."""
    job = ExportJob.objects.create(user=mara)
    assert account_export_prepare(job_id=job.pk)
    return reverse("account_export_download", args=[job.pk])


def _use_canned_responses(page: Page, where: str) -> str:
    buttons = page.locator("[data-canned-text]")
    assert buttons.count() > 100, buttons.count()
    buttons.evaluate_all("(all) => all.forEach((b) => b.click())")
    return page.locator("[data-chat-input]").input_value()


def _post_nudged(page: Page, where: str, *, words: str) -> str:
    page.get_by_label("Title").fill("A few words")
    page.get_by_label("Your words").fill(words)
    page.get_by_role("button", name="Post", exact=True).click()
    page.locator(".nudge-choice").wait_for()
    return page.inner_text("main")


def _try(page: Page, where: str, *, text: str) -> str:
    page.get_by_label("A sentence to try").fill(text)
    page.get_by_role("button", name="Check").click()
    page.locator("#try-result .try-result").wait_for()
    return page.inner_text("#try-result")


def _open_export(page: Page, where: str) -> str:
    """The real download, then its index.html opened as a file would be: no CSP header."""
    archive = page.context.request.get(where)
    assert archive.ok, archive.status
    with zipfile.ZipFile(io.BytesIO(archive.body())) as opened:
        html = opened.read("index.html")
    page.route(
        f"**{where}",
        lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"),
    )
    page.goto(where)
    return page.inner_text("body")


def _watch(page: Page, base_url: str, findings: list, where: str):
    page.on("dialog", lambda d: (findings.append(f"{where}: dialog {d.message!r}"), d.dismiss()))
    page.on("popup", lambda p: findings.append(f"{where}: popup {p.url}"))

    def navigated(frame):
        if frame != page.main_frame:
            findings.append(f"{where}: a frame navigated to {frame.url[:80]}")
        elif frame.url.split("#")[0] != base_url + where:
            findings.append(f"{where}: navigated to {frame.url[:80]}")

    page.on("framenavigated", navigated)

    def requested(request):
        if not request.url.startswith((base_url, "data:", "blob:", "ws://127.0.0.1")):
            findings.append(f"{where}: request to {request.url[:80]}")

    page.on("request", requested)


def test_corpus_runs_no_script_anywhere_it_is_shown(asgi_server, signed_in, settings):
    settings.MODERATION_FIRST_POSTS_HELD = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Forms refuse NUL characters (and PostgreSQL cannot store them): the rest of those
    # vectors still goes in.
    started = time.monotonic()
    pages, actions, stored = _seed([vector.replace("\x00", "") for vector in VECTORS])
    seeded = time.monotonic() - started
    contexts, findings, shown = {}, [], 0

    def open_page(user, path):
        key = user.pk if user else None
        if key not in contexts:
            contexts[key] = signed_in(asgi_server, user)
            contexts[key].add_init_script(HOOK)
        page = contexts[key].new_page()
        _watch(page, asgi_server, findings, path)
        return page

    def look(page, user, path):
        page.mouse.move(200, 300)
        page.mouse.move(400, 600)
        page.keyboard.press("Tab")
        page.wait_for_timeout(150)
        return [f"{path} as {user}: {bad}" for bad in page.evaluate(DOM_SCAN)]

    for user, path in pages:
        page = open_page(user, path)
        response = page.goto(path)
        assert response.status == 200, f"{path} as {user}: {response.status}"
        findings += look(page, user, path)
        shown += page.locator("text=alert(1)").count()
        page.close()
    for user, path, act, (words, at_least) in actions:
        page = open_page(user, path)
        if not path.endswith("/download/"):
            response = page.goto(path)
            assert response.status == 200, f"{path} as {user}: {response.status}"
        text = act(page, path)
        findings += look(page, user, path)
        # The vectors arrived, as words on the page (or in the message box).
        assert text.count(words) >= at_least, f"{path} as {user}: {text[:300]!r}"
        page.close()
    # The hook can see: a handler slipped into a page the way a sanitiser hole would.
    control = contexts[None].new_page()
    control.goto("/groups/")
    control.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=alert(1)>')"
    )
    control.wait_for_timeout(200)
    caught = control.evaluate(DOM_SCAN)
    assert any("[onerror]" in c for c in caught) and any(c.startswith("csp") for c in caught)
    print(
        f"\nXSS corpus: {len(VECTORS)} vectors into {stored}, "
        f"{len(pages)} pages and {len(actions)} things done on pages, in Chromium; "
        f"script runs or navigations: {len(findings)} "
        f"(seeding {seeded:.0f}s, pages {time.monotonic() - started - seeded:.0f}s)"
    )
    assert not findings, "\n".join(findings[:50])
    # The vectors did reach the pages, as text (the test would pass on empty pages otherwise).
    assert shown > len(VECTORS), shown
