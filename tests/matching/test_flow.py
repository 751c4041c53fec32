"""Request → suggestions → ask → accept → conversation → end, through the pages, per role."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matching import services
from matching.models import Block, Match, MatchRequest, Suggestion, SupporterProfile
from matching.tasks import expire_stale_asks
from tests.factories import UserFactory
from tests.matching.helpers import page

pytestmark = pytest.mark.django_db


def ask_for_peer(client, note="I keep going back to that day."):
    response = client.post(reverse("matching:request_new"), {"note": note})
    assert response.status_code == 302
    return MatchRequest.objects.latest("created_at")


def test_whole_flow_for_both_sides(
    client, member, supporter, with_mfa, mara_profile, sam_profile, sol, admin_user
):
    # Mara asks and reads why each peer is suggested.
    client.force_login(member)
    match_request = ask_for_peer(client)
    text = page(client.get(reverse("matching:request", args=[match_request.pk])))
    assert "Sam" in text and "Sol" in text
    assert text.index("Sam") < text.index("Sol")  # the more similar peer comes first
    assert "Also lost a family member in a shooting" in text
    assert "About three years further along" in text
    assert "Lakeside" not in text  # never the supporter's event

    sam_suggestion = match_request.suggestions.get(supporter=supporter)
    client.post(reverse("matching:pick", args=[match_request.pk, sam_suggestion.pk]))
    text = page(client.get(reverse("matching:request", args=[match_request.pk])))
    assert "We've asked Sam" in text
    assert SupporterProfile.objects.get(user=supporter).load == 1
    assert supporter.notifications.filter(kind="matching.asked").exists()

    # Nothing starts until Sam says yes: no conversation exists yet.
    assert not Match.objects.exists()

    # Sam reads the note and answers yes.
    with_mfa(supporter)
    client.force_login(supporter)
    text = page(client.get(reverse("matching:supporter_home")))
    assert "Mara would like to talk" in text
    text = page(client.get(reverse("matching:ask", args=[sam_suggestion.pk])))
    assert "I keep going back to that day." in text
    response = client.post(
        reverse("matching:ask_answer", args=[sam_suggestion.pk]), {"answer": "accept"}
    )
    match = Match.objects.get()
    assert response["Location"] == reverse("matching:conversation", args=[match.pk])
    assert member.notifications.filter(kind="matching.accepted").exists()

    conversation = reverse("matching:conversation", args=[match.pk])
    client.post(conversation, {"body": "Hello Mara, I'm glad you reached out."})

    client.force_login(member)
    text = page(client.get(conversation))
    assert "I'm glad you reached out." in text
    client.post(conversation, {"body": "Thank you, Sam."})
    assert [m.body for m in match.messages.all()] == [
        "Hello Mara, I'm glad you reached out.",
        "Thank you, Sam.",
    ]

    # Nobody else can read it: another supporter, an admin, a stranger: 404.
    for other in (sol, admin_user, UserFactory()):
        if other.is_platform_staff:
            with_mfa(other)
        client.force_login(other)
        assert client.get(conversation).status_code == 404
        assert client.post(conversation, {"body": "hi"}).status_code == 404
    client.logout()
    assert client.get(conversation).status_code == 302

    # Mara ends it, without a reason; Sam is told kindly and his place is free again.
    client.force_login(member)
    response = client.post(reverse("matching:conversation_end", args=[match.pk]))
    assert response["Location"] == reverse("matching:feedback", args=[match.pk])
    match.refresh_from_db()
    assert match.status == "ended"
    assert supporter.notifications.filter(kind="matching.ended").exists()
    assert SupporterProfile.objects.get(user=supporter).load == 0
    text = page(client.get(conversation))
    assert "This conversation has closed" in text
    client.post(reverse("matching:feedback", args=[match.pk]), {"helpful": "3", "text": "Kind."})
    assert match.feedback.get().helpful == 3


def test_supporter_sees_only_what_the_member_chose_to_share(
    client, member, supporter, with_mfa, mara_profile, sam_profile
):
    mara_profile.share_topics = True
    mara_profile.save()
    match_request = services.match_request_create(member=member, note="")
    suggestion = match_request.suggestions.get(supporter=supporter)
    services.suggestion_pick(suggestion_id=suggestion.pk, member=member)

    with_mfa(supporter)
    client.force_login(supporter)
    text = page(client.get(reverse("matching:ask", args=[suggestion.pk])))
    assert "Grief and loss, Sleep and nightmares" in text
    for private in ("Mass shooting", "family member", "Riverside", "More than a year", "2025"):
        assert private not in text
    match = services.suggestion_accept(suggestion_id=suggestion.pk, supporter=supporter)
    text = page(client.get(reverse("matching:conversation", args=[match.pk])))
    assert "Grief and loss" in text and "Riverside" not in text and "Mass shooting" not in text


def test_another_supporter_cannot_open_or_answer_someone_elses_ask(
    client, member, supporter, sol, with_mfa, mara_profile, sam_profile
):
    match_request = services.match_request_create(member=member)
    suggestion = match_request.suggestions.get(supporter=supporter)
    services.suggestion_pick(suggestion_id=suggestion.pk, member=member)
    with_mfa(sol)
    client.force_login(sol)
    assert client.get(reverse("matching:ask", args=[suggestion.pk])).status_code == 404
    url = reverse("matching:ask_answer", args=[suggestion.pk])
    assert client.post(url, {"answer": "accept"}).status_code == 404
    assert not Match.objects.exists()


def test_another_member_cannot_see_or_pick_from_maras_request(
    client, member, outsider, mara_profile, sam_profile
):
    match_request = services.match_request_create(member=member)
    suggestion = match_request.suggestions.first()
    client.force_login(outsider)
    assert client.get(reverse("matching:request", args=[match_request.pk])).status_code == 404
    url = reverse("matching:pick", args=[match_request.pk, suggestion.pk])
    assert client.post(url).status_code == 404


def test_decline_offers_the_member_someone_else(
    client, member, supporter, sol, with_mfa, mara_profile, sam_profile
):
    match_request = services.match_request_create(member=member)
    suggestion = match_request.suggestions.get(supporter=supporter)
    services.suggestion_pick(suggestion_id=suggestion.pk, member=member)
    with_mfa(supporter)
    client.force_login(supporter)
    client.post(reverse("matching:ask_answer", args=[suggestion.pk]), {"answer": "decline"})

    assert SupporterProfile.objects.get(user=supporter).load == 0
    note = member.notifications.get(kind="matching.next")
    assert "not about you" in note.text
    client.force_login(member)
    text = page(client.get(reverse("matching:request", args=[match_request.pk])))
    assert "Ask Sol" in text and "Ask Sam" not in text

    # A second answer changes nothing.
    assert not services.suggestion_decline(suggestion_id=suggestion.pk, supporter=supporter)
    assert services.suggestion_accept(suggestion_id=suggestion.pk, supporter=supporter) is None


def test_two_members_cannot_both_take_a_supporters_last_place(
    member, outsider, supporter, make_supporter
):
    make_supporter(supporter, capacity=1)
    first = services.match_request_create(member=member)
    second = services.match_request_create(member=outsider)
    first_pick = first.suggestions.get(supporter=supporter)
    second_pick = second.suggestions.get(supporter=supporter)

    assert services.suggestion_pick(suggestion_id=first_pick.pk, member=member) is not None
    assert services.suggestion_pick(suggestion_id=second_pick.pk, member=outsider) is None

    second_pick.refresh_from_db()
    assert second_pick.state == "withdrawn"
    assert SupporterProfile.objects.get(user=supporter).load == 1
    assert not second.suggestions.filter(state="shown", supporter=supporter).exists()


def test_full_unverified_and_paused_supporters_are_never_suggested(
    member, mara_profile, make_supporter
):
    full = make_supporter(name="Fay", capacity=1, load=1)
    unverified = make_supporter(name="Una", verified=False)
    paused = make_supporter(name="Pat", is_paused=True)
    lapsed = make_supporter(name="Lee", readiness_confirmed_at=timezone.now() - timedelta(days=200))
    ok = make_supporter(name="Ola")
    match_request = services.match_request_create(member=member)
    suggested = set(match_request.suggestions.values_list("supporter_id", flat=True))
    assert suggested == {ok.user_id}
    assert not suggested & {full.user_id, unverified.user_id, paused.user_id, lapsed.user_id}


def test_stale_asks_expire_once_and_the_next_peer_is_offered(
    member, supporter, sol, mara_profile, sam_profile
):
    match_request = services.match_request_create(member=member)
    suggestion = match_request.suggestions.get(supporter=supporter)
    services.suggestion_pick(suggestion_id=suggestion.pk, member=member)
    Suggestion.objects.filter(pk=suggestion.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    assert expire_stale_asks.delay().get() == 1
    assert expire_stale_asks.delay().get() == 0  # each ask expires once

    suggestion.refresh_from_db()
    match_request.refresh_from_db()
    assert suggestion.state == "expired"
    assert match_request.status == "choosing"
    assert list(
        match_request.suggestions.filter(state="shown").values_list("supporter", flat=True)
    ) == [sol.pk]
    assert SupporterProfile.objects.get(user=supporter).load == 0
    assert member.notifications.filter(kind="matching.next").count() == 1
    # Too late to say yes now.
    assert services.suggestion_accept(suggestion_id=suggestion.pk, supporter=supporter) is None


def test_an_ask_within_its_window_does_not_expire(member, supporter, mara_profile, sam_profile):
    match_request = services.match_request_create(member=member)
    suggestion = match_request.suggestions.get(supporter=supporter)
    services.suggestion_pick(suggestion_id=suggestion.pk, member=member)
    assert expire_stale_asks.delay().get() == 0


def test_member_stops_looking_and_the_supporters_place_is_freed(
    member_client, member, supporter, mara_profile, sam_profile
):
    match_request = services.match_request_create(member=member)
    suggestion = match_request.suggestions.get(supporter=supporter)
    services.suggestion_pick(suggestion_id=suggestion.pk, member=member)
    member_client.post(reverse("matching:request_cancel", args=[match_request.pk]))
    match_request.refresh_from_db()
    assert match_request.status == "cancelled"
    assert SupporterProfile.objects.get(user=supporter).load == 0
    assert services.suggestion_accept(suggestion_id=suggestion.pk, supporter=supporter) is None


def test_one_open_request_at_a_time(member_client, member, sam_profile):
    first = ask_for_peer(member_client)
    response = member_client.get(reverse("matching:request_new"))
    assert response["Location"] == reverse("matching:request", args=[first.pk])
    with pytest.raises(services.AlreadyAsking):
        services.match_request_create(member=member)


def _matched(member, supporter):
    match_request = services.match_request_create(member=member)
    suggestion = match_request.suggestions.get(supporter=supporter)
    services.suggestion_pick(suggestion_id=suggestion.pk, member=member)
    return services.suggestion_accept(suggestion_id=suggestion.pk, supporter=supporter)


def test_member_blocks_supporter_who_is_then_never_suggested_again(
    member_client, member, supporter, mara_profile, sam_profile
):
    match = _matched(member, supporter)
    member_client.post(reverse("matching:block", args=[match.pk]))
    match.refresh_from_db()
    assert match.status == "ended" and Block.objects.filter(member=member).exists()
    again = services.match_request_create(member=member)
    assert not again.suggestions.filter(supporter=supporter).exists()


def test_supporter_cannot_block_but_can_end(
    client, member, supporter, with_mfa, mara_profile, sam_profile
):
    match = _matched(member, supporter)
    client.force_login(supporter)
    response = client.get(reverse("matching:conversation", args=[match.pk]))
    assert "/2fa/" in response["Location"]  # the supporter side is staff work: MFA first
    with_mfa(supporter)
    assert client.post(reverse("matching:block", args=[match.pk])).status_code == 404
    client.post(reverse("matching:conversation_end", args=[match.pk]))
    match.refresh_from_db()
    assert match.status == "ended" and match.ended_by == supporter
    assert member.notifications.filter(kind="matching.ended").exists()


def test_either_side_can_report_to_admins(
    member_client, member, supporter, admin_user, mara_profile, sam_profile
):
    match = _matched(member, supporter)
    member_client.post(reverse("matching:report", args=[match.pk]), {"text": "He was unkind."})
    report = match.reports.get()
    assert report.reported == supporter
    assert admin_user.notifications.filter(kind="matching.report").exists()
    assert "unkind" not in admin_user.notifications.get(kind="matching.report").text


def test_people_who_lost_the_supporter_role_or_left_are_not_suggested(
    member, mara_profile, make_supporter
):
    from peersupport.models import RoleGrant

    no_role = make_supporter(name="Nora")
    RoleGrant.objects.filter(user=no_role.user, role="supporter").delete()
    left = make_supporter(name="Lou")
    left.user.is_active = False
    left.user.save(update_fields=["is_active"])
    others = [make_supporter(name=f"Peer {i}") for i in range(8)]
    match_request = services.match_request_create(member=member)
    suggested = set(match_request.suggestions.values_list("supporter_id", flat=True))
    assert len(suggested) == 3
    assert suggested <= {p.user_id for p in others}


def test_blocking_a_supporter_withdraws_an_open_request_to_them(
    member, supporter, mara_profile, sam_profile
):
    from matching.models import SupporterProfile

    match_request = services.match_request_create(member=member)
    suggestion = match_request.suggestions.get(supporter=supporter)
    services.suggestion_pick(suggestion_id=suggestion.pk, member=member)
    load_before = SupporterProfile.objects.get(user=supporter).load
    services.block_create(member=member, supporter_id=supporter.pk)
    suggestion.refresh_from_db()
    assert suggestion.state == "withdrawn"
    assert SupporterProfile.objects.get(user=supporter).load == load_before - 1  # slot freed
    match_request.refresh_from_db()
    assert match_request.status == "choosing"
    assert not match_request.suggestions.filter(supporter=supporter, state="shown").exists()
    assert services.suggestion_accept(suggestion_id=suggestion.pk, supporter=supporter) is None
