"""Scoring: every hard filter and weight, as tables over plain data (no database)."""

from dataclasses import replace
from datetime import date

import pytest
from django.conf import settings

from matching.scoring import (
    Candidate,
    Seeker,
    exclusion,
    further_along_factor,
    further_along_words,
    rank,
    score,
)

TODAY = date(2026, 11, 20)
WEIGHTS = settings.MATCHING_WEIGHTS

MARA = Seeker(
    user_id=1,
    event_kind="shooting",
    affected="bereaved",
    event_date=date(2025, 5, 1),
    event_key="riverside mall",
    topics=frozenset({"grief", "sleep"}),
    languages=frozenset({"en"}),
    ways=frozenset({"chat"}),
    gender="woman",
)
SAM = Candidate(
    user_id=2,
    event_kind="shooting",
    affected="bereaved",
    event_date=date(2022, 4, 1),
    event_key="lakeside school",
    topics=frozenset({"grief", "family"}),
    languages=frozenset({"en", "es"}),
    ways=frozenset({"chat", "phone"}),
    gender="man",
)


@pytest.mark.parametrize(
    ("seeker", "candidate", "expected"),
    [
        pytest.param(MARA, SAM, None, id="a good match passes"),
        pytest.param(MARA, replace(SAM, user_id=1), "self", id="never yourself"),
        pytest.param(MARA, replace(SAM, verified=False), "unverified", id="unverified"),
        pytest.param(MARA, replace(SAM, ready=False), "not_ready", id="readiness lapsed"),
        pytest.param(MARA, replace(SAM, paused=True), "paused", id="paused"),
        pytest.param(MARA, replace(SAM, load=2, capacity=2), "full", id="full supporter"),
        pytest.param(MARA, replace(SAM, load=3, capacity=2), "full", id="over capacity"),
        pytest.param(replace(MARA, excluded=frozenset({2})), SAM, "excluded", id="blocked"),
        pytest.param(
            MARA, replace(SAM, languages=frozenset({"es"})), "language", id="no shared language"
        ),
        pytest.param(
            replace(MARA, languages=frozenset()),
            replace(SAM, languages=frozenset({"es"})),
            None,
            id="member gave no language: no filter",
        ),
        pytest.param(
            replace(MARA, same_gender=True), SAM, "gender", id="same gender is a requirement"
        ),
        pytest.param(
            replace(MARA, same_gender=True),
            replace(SAM, gender="woman"),
            None,
            id="same gender met",
        ),
        pytest.param(
            replace(MARA, own_event="not_own"),
            replace(SAM, event_key="riverside mall"),
            "own_event",
            id="from my own event when the member asked not to",
        ),
        pytest.param(replace(MARA, own_event="not_own"), SAM, None, id="other event is fine"),
        pytest.param(
            MARA,
            replace(SAM, event_date=date(2026, 3, 1)),
            "too_soon",
            id="supporter's own event less than a year ago",
        ),
        pytest.param(MARA, replace(SAM, event_date=None), None, id="supporter gave no date"),
    ],
)
def test_hard_filters(seeker, candidate, expected):
    assert exclusion(seeker, candidate, TODAY) == expected


def _only(weight: str) -> dict:
    return {key: (1.0 if key == weight else 0.0) for key in WEIGHTS}


@pytest.mark.parametrize(
    ("weight", "seeker", "candidate", "points"),
    [
        ("event_kind", MARA, SAM, 1.0),
        ("event_kind", MARA, replace(SAM, event_kind="disaster"), 0.0),
        ("event_kind", replace(MARA, event_kind=""), replace(SAM, event_kind=""), 0.0),
        ("affected", MARA, SAM, 1.0),
        ("affected", MARA, replace(SAM, affected="injured"), 0.0),
        ("further_along", MARA, SAM, 1.0),  # about three years
        ("further_along", MARA, replace(SAM, event_date=date(2024, 11, 1)), 0.5),  # months
        ("further_along", MARA, replace(SAM, event_date=date(1995, 1, 1)), 0.2),  # decades
        ("further_along", MARA, replace(SAM, event_date=None), 0.0),
        ("further_along", replace(MARA, event_date=None), SAM, 0.0),
        ("own_event", replace(MARA, own_event="own"), replace(SAM, event_key="riverside mall"), 1),
        ("own_event", MARA, replace(SAM, event_key="riverside mall"), 0.0),
        ("topic", MARA, SAM, 1.0),  # grief
        ("topic", MARA, replace(SAM, topics=frozenset({"grief", "sleep"})), 2.0),
        ("topic", MARA, replace(SAM, topics=frozenset()), 0.0),
        ("way", MARA, SAM, 1.0),
        ("way", MARA, replace(SAM, ways=frozenset({"video"})), 0.0),
        ("load", MARA, SAM, 1.0),
        ("load", MARA, replace(SAM, load=1, capacity=2), 0.5),
    ],
)
def test_each_weight(weight, seeker, candidate, points):
    assert score(seeker, candidate, _only(weight)).score == pytest.approx(points, abs=0.01)


def test_further_along_prefers_a_few_years_over_decades():
    assert further_along_factor(3) > further_along_factor(15) > further_along_factor(30)
    assert further_along_factor(-2) == 0  # a supporter whose event came later is not "along"


def test_reasons_are_plain_and_never_show_dates_or_events():
    result = score(MARA, SAM, WEIGHTS)
    assert result.reasons[0] == "also lost a family member in a shooting"
    assert "about three years further along" in result.reasons
    assert "happy to talk about grief" in result.reasons
    text = " ".join(result.reasons)
    assert "2022" not in text and "lakeside" not in text.lower() and "April" not in text


@pytest.mark.parametrize(
    ("years", "words"),
    [
        (0.5, "a few months further along"),
        (1.2, "about a year further along"),
        (3.1, "about three years further along"),
        (14, "many years further along"),
    ],
)
def test_further_along_words(years, words):
    assert further_along_words(years) == words


def test_rank_puts_the_most_similar_first_and_drops_the_excluded():
    similar = SAM
    different = replace(
        SAM, user_id=3, event_kind="disaster", affected="present", topics=frozenset()
    )
    full = replace(SAM, user_id=4, load=2)
    unverified = replace(SAM, user_id=5, verified=False)
    ranked = rank(MARA, [different, full, unverified, similar], WEIGHTS, TODAY)
    assert [r.user_id for r in ranked] == [2, 3]


def test_rank_breaks_ties_towards_the_less_busy_supporter():
    busy = replace(SAM, user_id=3, capacity=4, load=2)
    idle = replace(SAM, user_id=4, capacity=4, load=0)
    ranked = rank(MARA, [busy, idle], {**_only("event_kind")}, TODAY)
    assert [r.user_id for r in ranked] == [4, 3]


def test_rank_returns_at_most_the_limit():
    many = [replace(SAM, user_id=10 + i) for i in range(10)]
    assert len(rank(MARA, many, WEIGHTS, TODAY, limit=3)) == 3


def test_presorted_walk_gives_the_same_answer_as_scoring_everyone():
    import random

    from matching.scoring import prescore

    rng = random.Random(6)
    kinds, ways = ["shooting", "disaster", "terror"], ["bereaved", "present", "injured"]
    topics = ["grief", "sleep", "family", "anger"]
    people = [
        Candidate(
            user_id=100 + i,
            event_kind=rng.choice(kinds),
            affected=rng.choice(ways),
            event_date=date(rng.randint(1995, 2024), rng.randint(1, 12), 1),
            event_key=rng.choice(["riverside mall", "other"]),
            topics=frozenset(rng.sample(topics, rng.randint(0, 3))),
            languages=frozenset({"en"}),
            ways=frozenset(rng.sample(["chat", "video", "phone"], rng.randint(1, 2))),
            capacity=3,
            load=rng.randint(0, 3),
        )
        for i in range(400)
    ]
    for seeker in (MARA, replace(MARA, own_event="own"), replace(MARA, topics=frozenset())):
        everyone = rank(seeker, people, WEIGHTS, TODAY)
        ordered = sorted(people, key=lambda c: -prescore(seeker, c, WEIGHTS))
        assert rank(seeker, ordered, WEIGHTS, TODAY, presorted=True) == everyone
