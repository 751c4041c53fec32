"""The authorisation matrix of issue 8: every URL the resolver knows, tried by all 11 roles.

Each URL name has one row below: what GET and what POST (an empty form) give each role,
one letter per role in this order (spaces only group them):

    anon | outsider pending member removed | sup_other sup_here | counselor supervisor admin | nomfa

Letters (see tests/security/matrix.py): o served, l sent to log in, m sent to set up MFA,
n 404, f 403, x 405, `.` anything but an error. A third element names the world object a
`<pk>` stands for. A URL without a row, or a row for a URL that is gone, fails the suite.

Every body and redirect is also scanned for the world's canaries (tests/security/world.py):
a private post, the person behind an anonymous post, a flagger, a crisis chat, a peer
conversation, a profile field not shared, moderators' notes, screening answers, an email.
"""

import time

import pytest

from tests.security.matrix import Visitor, expected_letters, leaks, url_for, url_patterns
from tests.security.world import CANARIES, ROLES, build_world

pytestmark = pytest.mark.django_db

# Django admin: one gate (AdminSite.has_permission, then StaffMFAMiddleware) guards every
# model page, so every admin URL, including ones a new ModelAdmin adds, follows this row.
# The admin's own column is `.`: what a superuser gets on a model page is not a question
# of who may see it (only a 500 fails).
# Signed-in members get 404 under /admin/ (issue 18 #17): not even a hint it is there.
DJANGO_ADMIN = ("l nnnn ll ll. m", "l nnnn ll ll. m")

MARAS_EXPORT = {"job_id": "mara_export"}
A_CHART = {"key": "escalations_by_trigger"}

# fmt: off
TABLE = {
    # --- peersupport
    "home": ("o oooo oo ooo o", "o oooo oo ooo o"),
    "get_help": ("o oooo oo ooo o", "o oooo oo ooo o"),
    "healthz": ("o oooo oo ooo o", "x xxxx xx xxx x"),
    "pwa_manifest": ("o oooo oo ooo o", "x xxxx xx xxx x"),
    "pwa_service_worker": ("o oooo oo ooo o", "x xxxx xx xxx x"),
    "staff_home": ("l nnnn oo ooo m", "l nnnn oo ooo m"),
    # --- accounts
    "account_login": ("o oooo oo ooo o", "o oooo oo ooo o"),
    "account_logout": ("o oooo oo ooo o", "o oooo oo ooo o"),
    "account_inactive": ("o oooo oo ooo o", "x xxxx xx xxx x"),
    "account_signup": ("o oooo oo ooo o", "o oooo oo ooo o"),
    "account_reauthenticate": ("l oooo oo ooo o", "l oooo oo ooo o"),
    # Stepping up by an emailed code: members get the form; staff are sent to their password
    # or authenticator (test_reauthentication_by_code.py states the decision).
    "account_request_reauthentication_code": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "account_confirm_reauthentication_code": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "account_email": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "account_email_verification_sent": ("o oooo oo ooo o", "x xxxx xx xxx x"),
    "account_change_password": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "account_set_password": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "account_reset_password": ("o oooo oo ooo o", "o oooo oo ooo o"),
    "account_confirm_login_code": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "account_confirm_email": ("o oooo oo ooo o", "n nnnn nn nnn n"),
    "account_reset_password_from_key_done": ("o oooo oo ooo o", "x xxxx xx xxx x"),
    "account_reset_password_from_key": ("o oooo oo ooo o", "o oooo oo ooo o"),
    "account_reset_password_done": ("o oooo oo ooo o", "x xxxx xx xxx x"),
    "mfa_index": ("l oooo oo ooo o", "l xxxx xx xxx x"),
    "mfa_authenticate": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "mfa_reauthenticate": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "mfa_activate_totp": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "mfa_deactivate_totp": ("l nnnn oo ooo n", "l nnnn oo ooo n"),
    "mfa_view_recovery_codes": ("l nnnn nn nnn n", "l xxxx xx xxx x"),
    "mfa_generate_recovery_codes": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "mfa_download_recovery_codes": ("l nnnn nn nnn n", "l nnnn nn nnn n"),
    "usersessions_list": ("l oooo oo ooo o", "l oooo oo ooo o"),
    # --- communities
    "communities:directory": ("o oooo oo ooo o", "o oooo oo ooo o"),
    "communities:group_new": ("l nnnn nn nno m", "l nnnn nn nno m"),
    "communities:group_edit": ("l nnnn nn nno m", "l nnnn nn nno m"),
    "communities:settings": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "communities:notifications": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "communities:resources": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "communities:hope": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "communities:hope_review": ("l nnnn oo nno m", "l nnnn oo nno m"),
    "communities:invite": ("o oooo oo ooo o", "l oooo oo ooo o"),
    "communities:group": ("n nnon no nno n", "n nnon no nno n"),
    "communities:join": ("o oooo oo ooo o", "l oooo oo ooo o"),
    "communities:leave": ("n nnon no nno n", "n nnon no nno n"),
    "communities:requests": ("l nnnn no nno m", "l nnnn no nno m"),
    "communities:members": ("l nnnn no nno m", "l nnnn no nno m"),
    "communities:search": ("n nnon no nno n", "n nnon no nno n"),
    "communities:thread_new": ("n nnon no nno n", "n nnon no nno n"),
    "communities:thread": ("n nnon no nno n", "n nnon no nno n"),
    "communities:thread_follow": ("x xxxx xx xxx x", "n nnon no nno n"),
    "communities:thread_mute": ("x xxxx xx xxx x", "n nnon no nno n"),
    "communities:post_edit": ("n nnon nn nnn n", "n nnon nn nnn n"),
    "communities:post_delete": ("x xxxx xx xxx x", "n nnon nn nnn n"),
    "communities:post_react": ("x xxxx xx xxx x", "n nnon no nno n"),
    "communities:meetings": ("n nnon no nno n", "n nnon no nno n"),
    "communities:meeting_new": ("n nnnn no nno n", "n nnnn no nno n"),
    "communities:meeting_call_off": ("x xxxx xx xxx x", "n nnnn no nno n"),
    "communities:meeting_rsvp": ("x xxxx xx xxx x", "n nnon no nno n"),
    "communities:meeting_cancel": ("x xxxx xx xxx x", "n nnon no nno n"),
    # --- moderation
    "moderation:queue": ("l nnnn oo nno m", "l nnnn oo nno m"),
    "moderation:entry": ("l nnnn no nno m", "l nnnn no nno m"),
    "moderation:claim": ("l nnnn xx nnx m", "l nnnn no nno m"),
    "moderation:release": ("l nnnn xx nnx m", "l nnnn no nno m"),
    "moderation:act": ("l nnnn xx nnx m", "l nnnn no nno m"),
    "moderation:take_break": ("l nnnn xx nnx m", "l nnnn oo nno m"),
    "moderation:step_back": ("l nnnn xx nnx m", "l nnnn oo nno m"),
    "moderation:audit": ("l nnnn oo nno m", "l nnnn oo nno m"),
    "moderation:member": ("l nnnn no nno m", "l nnnn no nno m"),
    "moderation:appeals": ("l nnnn nn nno m", "l nnnn nn nno m"),
    "moderation:appeal_decide": ("l nnnn nn nnx m", "l nnnn nn nno m"),
    "moderation:flag": ("l nnon no nno n", "l nnon no nno n"),
    "moderation:post_review": ("l nnnn xx nnx m", "l nnnn no nno m"),
    "moderation:my_decision": ("l nnon nn nnn n", "l nnon nn nnn n"),
    "moderation:care_message": ("l nnon nn nnn n", "l nnon nn nnn n"),
    # --- crisis
    "crisis:help_now": ("x xxxx xx xxx x", "o oooo oo ooo o"),
    "crisis:chat": ("o nnon nn oon n", "o nnon nn oon n"),
    "crisis:chat_send": ("x xxxx xx xxx x", "o nnon nn oon n"),
    "crisis:leave": ("x xxxx xx xxx x", "n nnon nn nnn n"),
    "crisis:survey": ("x xxxx xx xxx x", "n nnon nn nnn n"),
    "crisis:transfer": ("x xxxx xx xxx x", "l nnnn nn oon m"),
    "crisis:close": ("x xxxx xx xxx x", "l nnnn nn oon m"),
    "crisis:console": ("l nnnn nn oon m", "l nnnn nn oon m"),
    "crisis:duty": ("x xxxx xx xxx x", "l nnnn nn oon m"),
    "crisis:claim": ("x xxxx xx xxx x", "l nnnn nn oon m"),
    # --- matching
    "matching:home": ("l oooo oo nnn n", "l oooo oo nnn n"),
    "matching:profile": ("l oooo oo nnn n", "l oooo oo nnn n"),
    "matching:profile_delete": ("l xxxx xx nnn n", "l oooo oo nnn n"),
    "matching:request_new": ("l oooo oo nnn n", "l oooo oo nnn n"),
    "matching:request": ("l nnon nn nnn n", "l nnon nn nnn n", "match_request"),
    "matching:pick": ("l xxxx xx nnn n", "l nnon nn nnn n", "match_request"),
    "matching:request_cancel": ("l xxxx xx nnn n", "l nnon nn nnn n", "match_request"),
    "matching:supporter_home": ("l nnnn oo nnn m", "l nnnn oo nnn m"),
    "matching:supporter_profile": ("l nnnn oo nnn m", "l nnnn oo nnn m"),
    "matching:supporter_profile_delete": ("l nnnn xx nnn m", "l nnnn oo nnn m"),
    "matching:readiness": ("l nnnn oo nnn m", "l nnnn oo nnn m"),
    "matching:ask": ("l nnnn no nnn m", "l nnnn no nnn m", "suggestion"),
    "matching:ask_answer": ("l nnnn xx nnn m", "l nnnn no nnn m", "suggestion"),
    "matching:conversation": ("l nnon no nnn n", "l nnon no nnn n", "match"),
    "matching:conversation_end": ("x xxxx xx xxx x", "l nnon no nnn n", "match"),
    "matching:block": ("x xxxx xx xxx x", "l nnon nn nnn n", "match"),
    "matching:report": ("l nnon no nnn n", "l nnon no nnn n", "match"),
    "matching:feedback": ("l nnon no nnn n", "l nnon no nnn n", "match"),
    "matching:manage": ("l nnnn nn nno m", "l nnnn nn nno m"),
    "matching:manage_verify": ("l nnnn nn nno m", "l nnnn nn nno m", "supporter_profile"),
    "matching:manage_report_resolve": ("l nnnn nn nnx m", "l nnnn nn nno m", "report"),
    # --- admin
    # The admin login hands over to the site login (MFA code, rate limit); signed-in people
    # who are not Django staff get 403 there, as allauth.secure_admin_login decides.
    "admin:login": ("l nnnn ff ffo m", "l nnnn ff ffo m"),
    "admin:logout": ("o nnnn oo oox m", "o nnnn oo ooo m"),
    # --- the staff console (admins; metrics, canned responses and shifts also supervisors)
    # and people's own data. Each id is a real object with an owner: Mara's other session and
    # her finished export (the download is scanned too), a risk rule only admins may edit.
    # Everyone else gets the same 404 as for something that does not exist.
    "account_settings": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "account_session_end": (
        "l xxxx xx xxx x", "l nnon nn nnn n", {"session_id": "mara_session"}
    ),
    "account_sessions_end_others": ("l xxxx xx xxx x", "l oooo oo ooo o"),
    "account_export_request": ("l xxxx xx xxx x", "l oooo oo ooo o"),
    "account_export": ("l nnon nn nnn n", "l nnon nn nnn n", MARAS_EXPORT),
    "account_export_download": ("l nnon nn nnn n", "l nnon nn nnn n", MARAS_EXPORT),
    "account_delete": ("l oooo oo ooo o", "l oooo oo ooo o"),
    "account_deleted": ("o oooo oo ooo o", "o oooo oo ooo o"),
    "console:people": ("l nnnn nn nno m", "l nnnn nn nno m"),
    "console:person": ("l nnnn nn nno m", "l nnnn nn nno m", "user_id"),
    "console:person_role": ("l nnnn nn nnx m", "l nnnn nn nno m", "user_id"),
    "console:person_suspend": ("l nnnn nn nnx m", "l nnnn nn nno m", "user_id"),
    "console:audit": ("l nnnn nn nno m", "l nnnn nn nno m"),
    "console:metrics": ("l nnnn nn noo m", "l nnnn nn noo m"),
    "console:metrics_csv": ("l nnnn nn noo m", "l nnnn nn noo m", A_CHART),
    "crisis_console:risk_rules": ("l nnnn nn nno m", "l nnnn nn nno m"),
    "crisis_console:risk_rule_new": ("l nnnn nn nno m", "l nnnn nn nno m"),
    "crisis_console:risk_rule_edit": ("l nnnn nn nno m", "l nnnn nn nno m", "risk_rule"),
    "crisis_console:canned": ("l nnnn nn noo m", "l nnnn nn noo m"),
    "crisis_console:canned_edit": ("l nnnn nn noo m", "l nnnn nn noo m", "canned"),
    "crisis_console:shifts": ("l nnnn nn noo m", "l nnnn nn noo m"),
    "crisis_console:shift_remove": ("l nnnn nn nxx m", "l nnnn nn noo m", "shift"),
    "communities_console:groups": ("l nnnn nn nno m", "l nnnn nn nno m"),
    "communities_console:group_archive": ("l nnnn nn nnx m", "l nnnn nn nno m", "group"),
    "communities_console:resources": ("l nnnn nn nno m", "l nnnn nn nno m"),
    "communities_console:resource_edit": ("l nnnn nn nno m", "l nnnn nn nno m", "resource"),
    "moderation_console:phrases": ("l nnnn nn nno m", "l nnnn nn nno m"),
    "moderation_console:phrase_new": ("l nnnn nn nno m", "l nnnn nn nno m"),
    "moderation_console:phrase_edit": ("l nnnn nn nno m", "l nnnn nn nno m", "phrase"),
}
# fmt: on


def _row(key: str, route: str):
    if key in TABLE:
        return TABLE[key]
    if key.startswith("admin:") or route.startswith("admin/"):
        return DJANGO_ADMIN
    return None


def test_every_url_has_a_row_and_every_row_a_url():
    keys = {key: route for key, route, _ in url_patterns()}
    missing = sorted(key for key, route in keys.items() if _row(key, route) is None)
    stale = sorted(set(TABLE) - set(keys))
    assert not missing, (
        f"URLs without a row in tests/security/test_authorisation_matrix.py TABLE: {missing}"
    )
    assert not stale, f"rows for URLs that no longer exist: {stale}"
    for _key, row in TABLE.items():
        for spec in row[:2]:
            expected_letters(spec)


def test_matrix_every_url_by_every_role(with_mfa, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_world(with_mfa)
    visitor = Visitor(world)
    started = time.monotonic()
    wrong, found_leaks, errors, seen = [], [], [], {}
    tried = urls = 0
    for key, route, pattern in url_patterns():
        row = _row(key, route)
        assert row is not None, f"{key} has no row"
        url = url_for(key, route, pattern, world.ids, row[2] if len(row) > 2 else None)
        urls += 1
        for method, spec in zip(("GET", "POST"), row[:2], strict=True):
            expected = expected_letters(spec)
            got = ""
            for role, _want in zip(ROLES, expected, strict=True):
                letter, text, error = visitor.visit(role, method, url)
                tried += 1
                got += letter
                if error:
                    errors.append(f"{method} {url} as {role}: {error[:300]}")
                for canary in leaks(role, text):
                    found_leaks.append(f"{method} {url} as {role} shows {canary!r}")
                for canary in CANARIES:
                    if canary in text:
                        seen.setdefault(canary, set()).add(role)
            if any(w != "." and w != g for w, g in zip(expected, got, strict=True)):
                wrong.append(f"{key} {method} {url}: expected {spec!r}, got {got!r}")
    print(
        f"\nauthorisation matrix: {urls} URLs x {len(ROLES)} roles x GET/POST = {tried} "
        f"requests in {time.monotonic() - started:.1f}s; leaks found: {len(found_leaks)}; "
        f"errors: {len(errors)}; outcomes not as the table says: {len(wrong)}"
    )
    assert not errors, "\n".join(errors)
    assert not found_leaks, "\n".join(found_leaks)
    assert not wrong, "\n".join(wrong)
    # The scan can see: every canary showed up for someone allowed to read it.
    unseen = sorted(set(CANARIES) - set(seen))
    assert not unseen, f"canaries nobody was shown (is the scan blind?): {unseen}"
