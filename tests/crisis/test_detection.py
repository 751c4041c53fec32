"""Risk detection: the labelled set, the hard cases, and rules admins edit."""

import csv
from pathlib import Path

import pytest

from crisis import services
from crisis.detection import assess, assess_text
from crisis.models import Escalation, RiskLevel, RiskRule, Trigger
from peersupport.models import Notification

DATA = Path(__file__).parent / "data"


def load(name):
    with (DATA / name).open(newline="") as f:
        return [(row["text"], row["label"]) for row in csv.DictReader(f)]


@pytest.mark.django_db
def test_the_labelled_set_meets_the_recall_and_false_alarm_targets():
    cases = load("risk_cases.csv")
    assert len(cases) >= 300
    assert {label for _, label in cases} == {"none", "concern", "high", "imminent"}
    # The rules as seeded into the database by the migration, as production reads them.
    said = [(label, assess(text).level) for text, label in cases]
    imminent = [p for label, p in said if label == "imminent"]
    risky = [p for label, p in said if label in {"high", "imminent"}]
    calm = [p for label, p in said if label == "none"]
    assert sum(p == "imminent" for p in imminent) / len(imminent) >= 0.95
    assert sum(p in {"high", "imminent"} for p in risky) / len(risky) >= 0.85
    assert sum(p in {"high", "imminent"} for p in calm) / len(calm) <= 0.10


@pytest.mark.parametrize(
    "text",
    [
        "I'm not going to hurt myself, I just need to vent.",
        "I would never kill myself, my kids need me.",
        "The news said he wanted to die and take people with him.",
        'My friend said "I just want to die" and I did not know what to say.',
        "That day I thought I would die.",
        "Back then I wanted to die. I'm glad I'm here now.",
        "This traffic is killing me.",
    ],
)
def test_negation_quotation_past_and_idiom_are_not_alerts(text):
    assert not assess_text(text).escalates


@pytest.mark.parametrize(
    "text, level",
    [
        ("I want to die.", "high"),
        ("I still want to die, even now.", "high"),
        ('I keep thinking "just end it" over and over, I\'m going to end it tonight.', "imminent"),
        ("I'm going to kill myself tonight.", "imminent"),
        ("I feel hopeless.", "concern"),
    ],
)
def test_present_risk_is_found(text, level):
    assert assess_text(text).level == level


def test_reasons_are_plain_words_a_counselor_can_read():
    result = assess_text("I have the pills in front of me and I'm going to take them.")
    assert result.reasons[0] == "a rule matched: mentions a plan or the means to act (imminent)"
    # The model's reason quotes the clause it read and the labelled examples closest to it.
    assert result.reasons[1].startswith("the model read imminent risk")
    assert "\u201cI have the pills in front of me" in result.reasons[1]
    assert result.reasons[2].startswith("closest labelled examples: ")


@pytest.mark.django_db
def test_an_admin_can_add_and_disable_a_rule():
    # (The words changed from "meet me at the purple door", which the model reads as danger
    # at a door: a known false alarm of the model, see docs/benchmarks.md.)
    assert assess("meet me by the blue gate").level == RiskLevel.NONE
    rule = RiskRule.objects.create(
        category=RiskRule.Category.IMMEDIATE_DANGER, level="imminent", pattern=r"blue gate"
    )
    assert assess("meet me by the blue gate").level == RiskLevel.IMMINENT
    rule.enabled = False
    rule.save()
    assert assess("meet me by the blue gate").level == RiskLevel.NONE


@pytest.mark.django_db
def test_a_broken_pattern_does_not_stop_detection():
    RiskRule.objects.create(category="distress", level="concern", pattern="(unclosed")
    assert assess("I want to die").level == RiskLevel.HIGH


@pytest.mark.django_db
def test_a_risky_post_escalates_its_author_and_a_worried_one_gets_a_check_in(member, outsider):
    result = services.content_risk_review(
        author=member,
        text="I'm going to end it tonight.",
        trigger=Trigger.POST,
        source=services.Source(
            ref="post:9", url="/groups/g/9/", text="I'm going to end it tonight."
        ),
    )
    assert result.escalates
    escalation = Escalation.objects.get(member=member)
    assert escalation.risk_level == RiskLevel.IMMINENT
    assert escalation.priority == 0
    services.content_risk_review(author=outsider, text="I feel hopeless.", trigger=Trigger.POST)
    assert not Escalation.objects.filter(member=outsider).exists()
    assert Notification.objects.filter(user=outsider, kind="crisis_check_in").exists()


@pytest.mark.django_db
def test_risky_words_in_the_crisis_chat_move_the_member_up_the_queue(waiting, member):
    services.chat_message_post(
        escalation_id=waiting.pk, author=member, author_kind="member", body="I took all my pills"
    )
    waiting.refresh_from_db()
    assert waiting.risk_level == RiskLevel.IMMINENT
    assert waiting.priority == 0


@pytest.mark.django_db
def test_the_migrations_seed_every_default_rule():
    from crisis.detection import DEFAULT_RULES

    seeded = set(RiskRule.objects.values_list("category", "level", "pattern"))
    assert set(DEFAULT_RULES) <= seeded
