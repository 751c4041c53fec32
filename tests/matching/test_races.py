"""Two members pressing "Ask" for the same last place at the same moment: one wins."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from matching import services
from matching.models import SupporterProfile
from tests.matching.helpers import page


@pytest.mark.django_db(transaction=True)
def test_concurrent_picks_never_overfill_a_supporter(member, outsider, supporter, make_supporter):
    make_supporter(supporter, capacity=1)
    picks = [
        (services.match_request_create(member=person).suggestions.get(supporter=supporter), person)
        for person in (member, outsider)
    ]
    barrier = threading.Barrier(2)
    results = []

    def pick(suggestion, person):
        try:
            barrier.wait()
            results.append(services.suggestion_pick(suggestion_id=suggestion.pk, member=person))
        finally:
            connection.close()

    threads = [threading.Thread(target=pick, args=args) for args in picks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r is None for r in results) == [False, True]
    assert SupporterProfile.objects.get(user=supporter).load == 1


@pytest.mark.django_db
def test_an_empty_message_keeps_the_page_and_says_so_kindly(
    client, member, supporter, mara_profile, sam_profile
):
    match_request = services.match_request_create(member=member)
    suggestion = match_request.suggestions.get(supporter=supporter)
    services.suggestion_pick(suggestion_id=suggestion.pk, member=member)
    match = services.suggestion_accept(suggestion_id=suggestion.pk, supporter=supporter)
    client.force_login(member)
    url = reverse("matching:conversation", args=[match.pk])
    assert "Please write something first." in page(client.post(url, {"body": "  "}))
    client.post(url, {"body": "<script>alert(1)</script> hello"})
    message = match.messages.get()
    assert "<script>" not in message.body_html and "hello" in message.body_html


@pytest.mark.django_db(transaction=True)
def test_two_quick_clicks_on_different_peers_ask_only_one(member, make_supporter, mara_profile):
    first, second = make_supporter(name="Ana"), make_supporter(name="Ben")
    match_request = services.match_request_create(member=member)
    suggestions = [match_request.suggestions.get(supporter=p.user) for p in (first, second)]
    barrier = threading.Barrier(2)
    results = []

    def pick(suggestion):
        try:
            barrier.wait()
            results.append(services.suggestion_pick(suggestion_id=suggestion.pk, member=member))
        finally:
            connection.close()

    threads = [threading.Thread(target=pick, args=(s,)) for s in suggestions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r is None for r in results) == [False, True]
    assert match_request.suggestions.filter(state="asked").count() == 1
    assert sum(SupporterProfile.objects.values_list("load", flat=True)) == 1
