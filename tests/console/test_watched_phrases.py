"""Admins keep the watched phrases and try a sentence to see which phrase fires."""

import pytest
from django.urls import reverse

from moderation.models import AuditEntry, WatchedPhrase

pytestmark = pytest.mark.django_db

URL = "/staff/moderation/phrases/"


@pytest.fixture
def phrase(db):
    return WatchedPhrase.objects.create(
        pattern="silver linings everywhere",
        action="nudge",
        explanation="Looking for the bright side can sound as if the loss were small.",
    )


def test_trying_a_sentence_shows_the_phrase_and_what_the_author_reads(admin_client, phrase):
    page = admin_client.post(URL, {"text": "There are silver linings everywhere, you know"})
    page = page.content.decode()
    assert "<h1>Watched phrases</h1>" in page  # without JavaScript: the whole page
    assert 'data-try-action="nudge"' in page
    assert f'data-phrase-fires="{phrase.pk}"' in page
    assert "can sound as if the loss were small" in page


def test_spacing_tricks_are_caught_and_htmx_gets_only_the_result(admin_client, phrase):
    response = admin_client.post(
        URL, {"text": "silver l i n i n g s everywhere"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "<h1>" not in page
    assert 'data-try-action="nudge"' in page


def test_a_sentence_nothing_matches_goes_up(admin_client, phrase):
    page = admin_client.post(URL, {"text": "Thinking of you all today"}).content.decode()
    assert 'data-try-action="allow"' in page and "goes up as written" in page


def test_an_inactive_phrase_shows_but_does_not_decide(admin_client, phrase):
    phrase.is_active = False
    phrase.save()
    page = admin_client.post(URL, {"text": "silver linings everywhere"}).content.decode()
    assert 'data-try-action="allow"' in page
    assert "would match if turned on" in page


def test_adding_and_changing_a_phrase_is_audited_in_the_moderation_log(admin_client, ada):
    admin_client.post(
        reverse("moderation_console:phrase_new"),
        {"pattern": "at least they", "kind": "words", "action": "nudge", "is_active": "on"},
    )
    phrase = WatchedPhrase.objects.get(pattern="at least they")
    admin_client.post(
        reverse("moderation_console:phrase_edit", args=[phrase.pk]),
        {"pattern": "at least they", "kind": "words", "action": "hold", "is_active": "on"},
    )
    phrase.refresh_from_db()
    assert phrase.action == "hold"
    actions = list(
        AuditEntry.objects.filter(target_type="watched_phrase", target_id=phrase.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["phrase_create", "phrase_change"]


def test_a_broken_pattern_is_refused(admin_client):
    response = admin_client.post(
        reverse("moderation_console:phrase_new"),
        {"pattern": "(oops", "kind": "regex", "action": "hold", "is_active": "on"},
    )
    assert response.status_code == 200
    assert not WatchedPhrase.objects.filter(pattern="(oops").exists()
