"""A member presses "Get help now": a calm page, the hotlines and their place, at once."""

import pytest
from django.urls import reverse

from crisis import services
from crisis.models import Escalation, State, Trigger
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOTLINES = ("tel:988", "sms:988", "1-800-985-5990", "tel:911")


def press_help(client):
    return client.post(reverse("crisis:help_now"), follow=True)


def test_every_page_offers_help_and_for_a_member_it_opens_the_chat(client, member):
    client.force_login(member)
    home = client.get("/").content.decode()
    assert f'action="{reverse("crisis:help_now")}"' in home
    response = press_help(client)
    escalation = Escalation.objects.get(member=member)
    assert response.redirect_chain[-1][0] == f"/crisis/chat/{escalation.pk}/"
    page = response.content.decode()
    assert "You're not alone" in page
    assert "number 1" in page
    assert all(line in page for line in HOTLINES)
    # What to do now comes before the chat.
    assert page.index("tel:988") < page.index("data-chat-log")


def test_anonymous_visitors_get_the_hotline_page(client):
    response = client.post(reverse("crisis:help_now"), follow=True)
    assert response.redirect_chain[-1][0] == "/help/"
    page = response.content.decode()
    assert all(line in page for line in HOTLINES)
    assert Escalation.objects.count() == 0
    assert 'href="/help/"' in client.get("/").content.decode()


def test_the_help_page_offers_a_logged_in_member_the_chat_after_the_hotlines(client, member):
    client.force_login(member)
    page = client.get("/help/").content.decode()
    assert page.index("tel:988") < page.index("Start a chat with a counselor now")


def test_pressing_again_and_again_returns_to_the_same_chat_never_limited(client, member):
    client.force_login(member)
    urls = {press_help(client).redirect_chain[-1][0] for _ in range(25)}
    assert len(urls) == 1
    assert Escalation.objects.filter(member=member).count() == 1


def test_place_in_queue_counts_those_ahead(client, member):
    for _ in range(2):
        services.escalation_open(member=UserFactory(), trigger=Trigger.BUTTON)
    client.force_login(member)
    assert "number 3" in press_help(client).content.decode()


def test_with_nobody_on_duty_the_member_is_told_to_call_now_and_the_request_is_kept(client, member):
    client.force_login(member)
    page = press_help(client).content.decode()
    assert "No counselor is free right now" in page
    assert Escalation.objects.get(member=member).state == State.OPEN


def test_with_redis_down_pressing_help_still_shows_the_page_and_records_it(
    client, member, settings, django_capture_on_commit_callbacks
):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": "redis://127.0.0.1:1/0", "socket_timeout": 1}]},
        }
    }
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    try:
        client.force_login(member)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = press_help(client)
        assert callbacks  # the alert was attempted, and failed quietly
        assert response.status_code == 200
        page = response.content.decode()
        assert "number 1" in page
        assert all(line in page for line in HOTLINES)
        escalation = Escalation.objects.get(member=member)
        assert escalation.alert_sent_at is None  # the sweeper will send it
    finally:
        channel_layers.backends.clear()


def test_a_member_can_write_before_a_counselor_joins_without_script(client, member):
    client.force_login(member)
    escalation_url = press_help(client).redirect_chain[-1][0]
    response = client.post(escalation_url + "send/", {"body": "I can't stop shaking"}, follow=True)
    assert "I can&#x27;t stop shaking" in response.content.decode()


def test_other_people_never_see_someone_elses_chat(client, member, outsider, supporter):
    escalation = services.escalation_open(member=member, trigger=Trigger.BUTTON)
    for person in (outsider, supporter):
        client.force_login(person)
        assert client.get(f"/crisis/chat/{escalation.pk}/").status_code == 404
        assert client.post(f"/crisis/chat/{escalation.pk}/send/", {"body": "x"}).status_code == 404


def test_member_can_leave_the_queue_and_it_is_kept_for_follow_up(client, member):
    client.force_login(member)
    url = press_help(client).redirect_chain[-1][0]
    page = client.post(url + "leave/", follow=True).content.decode()
    assert "You left the queue" in page
    assert Escalation.objects.get(member=member).state == State.ABANDONED


def test_with_the_database_failing_the_member_still_gets_the_numbers_to_call(
    client, member, monkeypatch
):
    from django.db import DatabaseError

    client.force_login(member)

    def broken(**kwargs):
        raise DatabaseError("the database is unreachable")

    monkeypatch.setattr(services, "escalation_open", broken)
    response = client.post(reverse("crisis:help_now"))
    assert response.status_code == 503
    page = response.content.decode()
    assert "Please call or text 988 now" in page
    assert all(line in page for line in HOTLINES)


def test_with_nobody_on_duty_every_page_tells_members_to_call_and_the_button_still_works(
    client, member
):
    client.force_login(member)
    page = client.get("/").content.decode()
    assert "No counselor is online now" in page
    assert 'href="tel:988"' in page
    assert f'action="{reverse("crisis:help_now")}"' in page


def test_the_banner_is_gone_when_a_counselor_is_on_duty(client, member, cora):
    client.force_login(member)
    assert "No counselor is online" not in client.get("/").content.decode()
