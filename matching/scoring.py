"""Rank supporters for a member's request: hard filters first, then a weighted score.

Pure functions over plain data: no database, no settings read here (weights are passed
in), so every rule can be tested in a table. `matching.selectors` applies the same hard
filters in SQL first; `rank` applies them again so a stale row can never slip through.

Reasons speak plainly about what two people share and never reveal a supporter's exact
dates or their event: only a rounded "about three years further along".
"""

from dataclasses import dataclass, field
from datetime import date

from matching.choices import AFFECTED_PHRASES, EVENT_PHRASES, TOPIC_SHORT, OwnEvent, Topic

# A supporter whose own event is this recent is not suggested: their own recovery first.
SUPPORTER_MIN_DAYS_SINCE_EVENT = 365
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
WAY_WORDS = {"chat": "by chat", "video": "by video", "phone": "by phone"}
TOPIC_ORDER = {value: index for index, value in enumerate(Topic.values)}


@dataclass(frozen=True)
class Seeker:
    """The member asking, as far as they told us."""

    user_id: int
    event_kind: str = ""
    affected: str = ""
    event_date: date | None = None
    event_key: str = ""
    topics: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    ways: frozenset[str] = frozenset()
    gender: str = ""
    same_gender: bool = False
    own_event: str = OwnEvent.ANY
    # Supporters the member blocked, and those already asked or matched with them.
    excluded: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Candidate:
    """A supporter who might be suggested."""

    user_id: int
    event_kind: str = ""
    affected: str = ""
    event_date: date | None = None
    event_key: str = ""
    topics: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    ways: frozenset[str] = frozenset()
    gender: str = ""
    capacity: int = 2
    load: int = 0
    verified: bool = True
    ready: bool = True
    paused: bool = False


@dataclass(frozen=True)
class Scored:
    user_id: int
    score: float
    reasons: list[str] = field(default_factory=list)


def exclusion(seeker: Seeker, candidate: Candidate, today: date) -> str | None:
    """Why `candidate` must not be suggested to `seeker`; None when they may be."""
    if candidate.user_id == seeker.user_id:
        return "self"
    if not candidate.verified:
        return "unverified"
    if not candidate.ready:
        return "not_ready"
    if candidate.paused:
        return "paused"
    if candidate.load >= candidate.capacity:
        return "full"
    if candidate.user_id in seeker.excluded:
        return "excluded"
    if seeker.languages and not (seeker.languages & candidate.languages):
        return "language"
    if seeker.same_gender and seeker.gender and candidate.gender != seeker.gender:
        return "gender"
    if (
        seeker.own_event == OwnEvent.NOT_OWN
        and seeker.event_key
        and candidate.event_key == seeker.event_key
    ):
        return "own_event"
    if (
        candidate.event_date is not None
        and (today - candidate.event_date).days < SUPPORTER_MIN_DAYS_SINCE_EVENT
    ):
        return "too_soon"
    return None


def years_further_along(seeker_date: date | None, candidate_date: date | None) -> float | None:
    """How many years earlier the supporter's event was; None when either date is unknown."""
    if seeker_date is None or candidate_date is None:
        return None
    return (seeker_date - candidate_date).days / 365.25


def further_along_factor(years: float | None) -> float:
    """0..1: a little further along counts most; decades apart counts little."""
    if years is None or years < 0.25:
        return 0.0
    if years < 1:
        return 0.5
    if years <= 8:
        return 1.0
    if years <= 20:
        return 1.0 - 0.7 * (years - 8) / 12
    return 0.2


def further_along_words(years: float) -> str:
    if years < 1:
        return "a few months further along"
    whole = round(years)
    if whole <= 1:
        return "about a year further along"
    if whole in NUMBER_WORDS:
        return f"about {NUMBER_WORDS[whole]} years further along"
    return "many years further along"


def _experience_reason(seeker: Seeker, candidate: Candidate) -> str | None:
    same_kind = bool(seeker.event_kind) and seeker.event_kind == candidate.event_kind
    same_way = bool(seeker.affected) and seeker.affected == candidate.affected
    if same_way and same_kind:
        return f"{AFFECTED_PHRASES[seeker.affected]} in {EVENT_PHRASES[seeker.event_kind]}"
    if same_way:
        return AFFECTED_PHRASES[seeker.affected]
    if same_kind:
        return f"also lived through {EVENT_PHRASES[seeker.event_kind]}"
    return None


def _list_words(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def score(seeker: Seeker, candidate: Candidate, weights: dict[str, float]) -> Scored:
    """The weighted likeness of two people, with the reasons a member will read."""
    total = 0.0
    reasons: list[str] = []

    if seeker.event_kind and seeker.event_kind == candidate.event_kind:
        total += weights["event_kind"]
    if seeker.affected and seeker.affected == candidate.affected:
        total += weights["affected"]
    experience = _experience_reason(seeker, candidate)
    if experience:
        reasons.append(experience)

    years = years_further_along(seeker.event_date, candidate.event_date)
    factor = further_along_factor(years)
    if factor:
        total += weights["further_along"] * factor
        reasons.append(further_along_words(years))

    if (
        seeker.own_event == OwnEvent.OWN
        and seeker.event_key
        and candidate.event_key == seeker.event_key
    ):
        total += weights["own_event"]
        reasons.append("close to your own experience, as you asked")

    shared_topics = sorted(seeker.topics & candidate.topics, key=lambda t: TOPIC_ORDER.get(t, 99))
    if shared_topics:
        total += weights["topic"] * min(len(shared_topics), 3)
        reasons.append(
            "happy to talk about " + _list_words([TOPIC_SHORT[t] for t in shared_topics[:3]])
        )

    shared_ways = seeker.ways & candidate.ways
    if shared_ways:
        total += weights["way"]
        ordered = [WAY_WORDS[w] for w in WAY_WORDS if w in shared_ways]
        reasons.append("can talk " + " or ".join(ordered))

    if candidate.capacity:
        total += weights["load"] * (candidate.capacity - candidate.load) / candidate.capacity

    if not reasons:
        reasons.append("a trained peer supporter with time to listen")
    return Scored(user_id=candidate.user_id, score=round(total, 4), reasons=reasons)


def prescore(seeker: Seeker, candidate: Candidate, weights: dict[str, float]) -> float:
    """The part of `score` that SQL can compute too: same kind, same way affected, load."""
    total = 0.0
    if seeker.event_kind and seeker.event_kind == candidate.event_kind:
        total += weights["event_kind"]
    if seeker.affected and seeker.affected == candidate.affected:
        total += weights["affected"]
    if candidate.capacity:
        total += weights["load"] * (candidate.capacity - candidate.load) / candidate.capacity
    return total


def max_rest(seeker: Seeker, weights: dict[str, float]) -> float:
    """The most that everything outside `prescore` can add to this seeker's scores."""
    rest = min(len(seeker.topics), 3) * weights["topic"]
    if seeker.event_date is not None:
        rest += weights["further_along"]
    if seeker.own_event == OwnEvent.OWN and seeker.event_key:
        rest += weights["own_event"]
    if seeker.ways:
        rest += weights["way"]
    return rest


def rank(
    seeker: Seeker,
    candidates,
    weights: dict[str, float],
    today: date,
    limit: int = 3,
    presorted: bool = False,
) -> list[Scored]:
    """The best `limit` candidates, best first; ties go to the less busy, then the older id.

    With `presorted`, `candidates` come in descending `prescore` order, and the walk stops
    once no later candidate could still reach the current top `limit`: same answer, fewer
    rows scored.
    """
    scored = []
    rest = max_rest(seeker, weights)
    for candidate in candidates:
        if presorted and len(scored) >= limit:
            scored.sort(key=lambda row: row[:3])
            del scored[limit:]
            if prescore(seeker, candidate, weights) + rest < -scored[-1][0] - 1e-6:
                break
        if exclusion(seeker, candidate, today) is not None:
            continue
        result = score(seeker, candidate, weights)
        scored.append((-result.score, candidate.load, candidate.user_id, result))
    scored.sort(key=lambda row: row[:3])
    return [row[3] for row in scored[:limit]]
