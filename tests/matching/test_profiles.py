"""Experience and supporter profiles, readiness and admin verification, per role."""

import pytest
from django.urls import reverse

from matching.models import ExperienceProfile, SupporterProfile
from tests.matching.helpers import page

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_asked_to_log_in(client):
    response = client.get(reverse("matching:profile"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_member_describes_edits_and_deletes_their_experience(member_client, member):
    url = reverse("matching:profile")
    assert "Every question is optional" in page(member_client.get(url))
    response = member_client.post(
        url,
        {
            "event_kind": "shooting",
            "affected": "bereaved",
            "event_month": "4",
            "event_year": "2024",
            "event_name": "Riverside Mall",
            "topics": ["grief", "sleep"],
            "languages": ["en", "es"],
            "ways": ["chat"],
            "own_event": "not_own",
            "share_topics": "on",
        },
    )
    assert response.status_code == 302
    profile = ExperienceProfile.objects.get(user=member)
    assert profile.topic_list == ["grief", "sleep"]
    assert profile.event_date.isoformat() == "2024-04-01"
    assert profile.event_key == "riverside mall"
    assert profile.share_topics and not profile.share_event_kind

    assert 'value="Riverside Mall"' in page(
        member_client.get(url)
    )  # what they wrote comes back to edit

    member_client.post(url, {"event_kind": "disaster", "own_event": "any"})
    profile.refresh_from_db()
    assert profile.event_kind == "disaster" and profile.topic_list == []

    member_client.post(reverse("matching:profile_delete"))
    assert not ExperienceProfile.objects.filter(user=member).exists()


def test_bad_dates_keep_what_was_typed_with_a_kind_error(member_client, member):
    response = member_client.post(
        reverse("matching:profile"),
        {"event_month": "5", "event_year": "", "event_name": "Riverside", "own_event": "any"},
    )
    text = page(response)
    assert response.status_code == 200
    assert "Please give both the month and the year" in text
    assert 'value="Riverside"' in text
    assert not ExperienceProfile.objects.filter(user=member).exists()

    response = member_client.post(
        reverse("matching:profile"), {"event_month": "5", "event_year": "2999", "own_event": "any"}
    )
    assert "That month hasn't happened yet" in page(response)


def test_same_gender_needs_the_members_own_gender(member_client):
    response = member_client.post(
        reverse("matching:profile"), {"same_gender": "on", "own_event": "any"}
    )
    assert "please tell us yours" in page(response)


def test_counselor_without_member_role_gets_404(client, counselor):
    client.force_login(counselor)
    assert client.get(reverse("matching:home")).status_code == 404


def test_supporter_pages_need_mfa_then_open(client, supporter, with_mfa):
    client.force_login(supporter)
    response = client.get(reverse("matching:supporter_home"))
    assert response.status_code == 302 and "/2fa/" in response["Location"]
    with_mfa(supporter)
    assert "your supporter profile" in page(client.get(reverse("matching:supporter_home")))


def test_member_cannot_open_supporter_pages(member_client):
    assert member_client.get(reverse("matching:supporter_home")).status_code == 404
    assert member_client.get(reverse("matching:supporter_profile")).status_code == 404


def test_supporter_fills_profile_and_readiness(supporter_client, supporter):
    response = supporter_client.post(
        reverse("matching:supporter_profile"),
        {
            "event_kind": "shooting",
            "affected": "bereaved",
            "event_month": "3",
            "event_year": "2019",
            "languages": ["en"],
            "ways": ["chat", "phone"],
            "bio": "<b>Hello</b> I listen.",
            "availability": "Evenings",
            "capacity": "3",
        },
    )
    assert response.status_code == 302
    profile = SupporterProfile.objects.get(user=supporter)
    assert profile.bio == "Hello I listen."  # sanitised once, when stored
    assert profile.capacity == 3 and not profile.is_verified and not profile.is_ready

    text = page(supporter_client.get(reverse("matching:supporter_home")))
    assert "Waiting for an admin to verify your training" in text

    url = reverse("matching:readiness")
    answers = {"own_recovery": "on", "own_support": "on", "boundaries": "on"}
    response = supporter_client.post(url, answers, follow=True)
    assert "It's fine to wait" in page(response)
    profile.refresh_from_db()
    assert not profile.is_ready

    supporter_client.post(url, {**answers, "confidentiality": "on"})
    profile.refresh_from_db()
    assert profile.is_ready and profile.readiness_due_at > profile.readiness_confirmed_at


def test_capacity_out_of_range_is_refused_kindly(supporter_client):
    response = supporter_client.post(
        reverse("matching:supporter_profile"), {"capacity": "40", "bio": "kept"}
    )
    text = page(response)
    assert "Please choose between 1 and 6" in text and "kept" in text


def test_supporter_cannot_delete_profile_while_someone_is_waiting(
    supporter_client, supporter, sam_profile
):
    SupporterProfile.objects.filter(pk=sam_profile.pk).update(load=1)
    supporter_client.post(reverse("matching:supporter_profile_delete"))
    assert SupporterProfile.objects.filter(pk=sam_profile.pk).exists()
    SupporterProfile.objects.filter(pk=sam_profile.pk).update(load=0)
    supporter_client.post(reverse("matching:supporter_profile_delete"))
    assert not SupporterProfile.objects.filter(pk=sam_profile.pk).exists()


def test_admin_verifies_training(client, admin_user, with_mfa, supporter, make_supporter):
    profile = make_supporter(supporter, verified=False)
    with_mfa(admin_user)
    client.force_login(admin_user)
    text = page(client.get(reverse("matching:manage")))
    assert "Sam" in text
    url = reverse("matching:manage_verify", args=[profile.pk])
    response = client.post(url, {"programme": "", "completed_on": "2999-01-01"})
    assert "That date is in the future" in page(response)
    client.post(url, {"programme": "Peer listening basics", "completed_on": "2026-01-10"})
    profile.refresh_from_db()
    assert profile.is_verified and profile.verified_by == admin_user
    assert supporter.notifications.filter(kind="matching.verified").exists()


def test_only_admins_open_the_manage_pages(client, supporter, with_mfa, make_supporter):
    profile = make_supporter(supporter, verified=False)
    with_mfa(supporter)
    client.force_login(supporter)
    assert client.get(reverse("matching:manage")).status_code == 404
    assert client.get(reverse("matching:manage_verify", args=[profile.pk])).status_code == 404


def test_admin_registration_lists_supporter_profiles(client, admin_user, with_mfa, sam_profile):
    with_mfa(admin_user)
    client.force_login(admin_user)
    response = client.get(reverse("admin:matching_supporterprofile_changelist"))
    assert response.status_code == 200 and "Sam" in page(response)


def test_admin_reads_the_funnel_and_loads(
    client, admin_user, with_mfa, member, supporter, mara_profile, sam_profile
):
    from matching import services

    match_request = services.match_request_create(member=member)
    suggestion = match_request.suggestions.get(supporter=supporter)
    services.suggestion_pick(suggestion_id=suggestion.pk, member=member)
    services.suggestion_accept(suggestion_id=suggestion.pk, supporter=supporter)
    with_mfa(admin_user)
    client.force_login(admin_user)
    response = client.get(reverse("matching:manage"))
    funnel = response.context["funnel"]
    assert funnel == {
        "requests": 1,
        "suggestions": 1,
        "asked": 1,
        "accepts": 1,
        "declines": 0,
        "expiries": 0,
        "active_matches": 1,
    }
    assert "Active matches" in page(response)


def test_supporter_is_reminded_once_before_readiness_lapses(supporter, make_supporter):
    from datetime import timedelta

    from django.utils import timezone

    from matching import services
    from matching.tasks import remind_readiness

    profile = make_supporter(supporter, readiness_confirmed_at=timezone.now() - timedelta(days=100))
    assert remind_readiness.delay().get() == 0  # months to go
    SupporterProfile.objects.filter(pk=profile.pk).update(
        readiness_confirmed_at=timezone.now() - timedelta(days=175)
    )
    assert remind_readiness.delay().get() == 1
    assert remind_readiness.delay().get() == 0  # once
    assert supporter.notifications.filter(kind="matching.readiness").count() == 1
    services.supporter_readiness_confirm(
        user=supporter, answers={key: True for key, _ in services.READINESS_QUESTIONS}
    )
    profile.refresh_from_db()
    assert profile.is_ready and profile.readiness_reminded_at is None


def test_admin_marks_a_report_handled(
    client, admin_user, with_mfa, member, supporter, mara_profile, sam_profile
):
    from matching import services

    match_request = services.match_request_create(member=member)
    suggestion = match_request.suggestions.get(supporter=supporter)
    services.suggestion_pick(suggestion_id=suggestion.pk, member=member)
    match = services.suggestion_accept(suggestion_id=suggestion.pk, supporter=supporter)
    report = services.report_create(match_id=match.pk, reporter=member, text="Pushy.")
    with_mfa(admin_user)
    client.force_login(admin_user)
    assert "Pushy." in page(client.get(reverse("matching:manage")))
    client.post(reverse("matching:manage_report_resolve", args=[report.pk]))
    report.refresh_from_db()
    assert report.resolved_at is not None
    assert "Pushy." not in page(client.get(reverse("matching:manage")))
    from peersupport.models import StaffAuditEntry

    row = StaffAuditEntry.objects.get(action="report.resolve")
    assert row.actor == admin_user and "Pushy" not in str(row.after)
