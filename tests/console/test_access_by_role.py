"""Every console page, tried by each role: admin, supervisor, supporter, counselor, member,
anonymous. Staff have MFA set up here; without it they are sent to set it up first."""

import pytest
from django.urls import reverse

from communities.models import Resource
from crisis.models import CannedResponse, RiskRule, Shift
from moderation.models import WatchedPhrase
from tests.factories import GroupFactory

pytestmark = pytest.mark.django_db

ADMIN = {"admin_user"}
LEADS = {"admin_user", "supervisor"}
STAFF = {"admin_user", "supervisor", "supporter", "counselor"}
PEOPLE = ["admin_user", "supervisor", "supporter", "counselor", "member", "anonymous"]


@pytest.fixture
def objects(member, counselor):
    import datetime

    return {
        "person": member.pk,
        "rule": RiskRule.objects.first().pk,
        "canned": CannedResponse.objects.create(title="Breathe", text="Let's breathe.").pk,
        "resource": Resource.objects.create(name="988", category="hotline").pk,
        "group": GroupFactory().pk,
        "chart": "escalations_by_trigger",
        "phrase": WatchedPhrase.objects.create(pattern="at least", action="nudge").pk,
        "shift": Shift.objects.create(
            counselor=counselor,
            weekday=0,
            starts_at=datetime.time(9),
            ends_at=datetime.time(17),
        ).pk,
    }


# (method, url name, argument key, who may open it)
PAGES = [
    ("get", "staff_home", None, STAFF),
    ("get", "console:people", None, ADMIN),
    ("get", "console:person", "person", ADMIN),
    ("post", "console:person_role", "person", ADMIN),
    ("post", "console:person_suspend", "person", ADMIN),
    ("get", "console:audit", None, ADMIN),
    ("get", "console:metrics", None, LEADS),
    ("get", "console:metrics_csv", "chart", LEADS),
    ("get", "crisis_console:risk_rules", None, ADMIN),
    ("post", "crisis_console:risk_rules", None, ADMIN),
    ("get", "crisis_console:risk_rule_new", None, ADMIN),
    ("get", "crisis_console:risk_rule_edit", "rule", ADMIN),
    ("get", "crisis_console:canned", None, LEADS),
    ("get", "crisis_console:canned_edit", "canned", LEADS),
    ("get", "crisis_console:shifts", None, LEADS),
    ("post", "crisis_console:shift_remove", "shift", LEADS),
    ("get", "moderation_console:phrases", None, ADMIN),
    ("post", "moderation_console:phrases", None, ADMIN),
    ("get", "moderation_console:phrase_new", None, ADMIN),
    ("get", "moderation_console:phrase_edit", "phrase", ADMIN),
    ("get", "communities_console:groups", None, ADMIN),
    ("post", "communities_console:group_archive", "group", ADMIN),
    ("get", "communities_console:resources", None, ADMIN),
    ("get", "communities_console:resource_edit", "resource", ADMIN),
]


def _url(name, key, objects):
    return reverse(name, args=[objects[key]] if key else [])


@pytest.mark.parametrize("who", PEOPLE)
def test_each_console_page_opens_only_for_its_roles(request, client, with_mfa, objects, who):
    if who != "anonymous":
        person = request.getfixturevalue(who)
        if person.is_platform_staff:
            with_mfa(person)
        client.force_login(person)
    for method, name, key, allowed in PAGES:
        response = getattr(client, method)(_url(name, key, objects))
        if who == "anonymous":
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("account_login")), name
        elif who in allowed:
            assert response.status_code in (200, 302), (name, response.status_code)
            if response.status_code == 302:  # a POST action, sent back to its page
                assert not response["Location"].startswith(reverse("account_login")), name
        else:
            assert response.status_code == 404, name


def test_the_metrics_csv_is_for_admins_and_supervisors_only(client, with_mfa, supporter, sia):
    url = reverse("console:metrics_csv", args=["new_members"])
    client.force_login(with_mfa(supporter))
    assert client.get(url).status_code == 404
    client.force_login(sia)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


@pytest.mark.parametrize("who", ["supporter", "counselor", "supervisor", "admin_user"])
def test_staff_without_mfa_are_sent_to_set_it_up_from_console_pages(request, client, objects, who):
    client.force_login(request.getfixturevalue(who))
    for method, name, key, _allowed in PAGES:
        response = getattr(client, method)(_url(name, key, objects))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("mfa_activate_totp")), name


def test_console_home_shows_each_role_its_own_sections(client, with_mfa, counselor, ada):
    client.force_login(with_mfa(counselor))
    page = client.get(reverse("staff_home")).content.decode()
    assert "Counselor console" in page
    assert "People" not in page and "Risk rules" not in page
    client.force_login(ada)
    page = client.get(reverse("staff_home")).content.decode()
    for title in (
        "People",
        "Metrics",
        "Groups",
        "Risk rules",
        "Watched phrases",
        "Counselor shifts",
        "Audit log",
    ):
        assert title in page
    assert reverse("moderation_console:phrases") in page


def test_a_section_an_app_has_not_brought_yet_shows_as_a_quiet_slot(client, ada, monkeypatch):
    from peersupport import console

    monkeypatch.setitem(
        console.PLANNED_SECTIONS, "appeals_board", ("Appeals board", "Arrives later.", 70)
    )
    client.force_login(ada)
    page = client.get(reverse("staff_home")).content.decode()
    assert "Appeals board" in page and "console-slot" in page
