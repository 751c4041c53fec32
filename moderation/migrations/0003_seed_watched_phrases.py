"""A starting list of watched phrases. Admins change it in the admin; every change is audited.

Nudges ask the author to think again about phrasing that often hurts survivors; the author
may still post. Escalations never refuse anyone: they hold the post for a peer supporter at
the top of the queue.
"""

from django.db import migrations

WORDS, REGEX = "words", "regex"

SEED = [
    # (kind, pattern, action, explanation)
    (
        WORDS,
        "everything happens for a reason",
        "nudge",
        "Many survivors hear this as saying their loss had a purpose. “I'm so sorry this happened to you” is often kinder.",
    ),
    (
        WORDS,
        "it was God's plan",
        "nudge",
        "Faith matters to many people here, but hearing that a loss was planned can deepen the hurt. You could share what your faith gives you instead.",
    ),
    (
        WORDS,
        "gods plan",
        "nudge",
        "Faith matters to many people here, but hearing that a loss was planned can deepen the hurt. You could share what your faith gives you instead.",
    ),
    (
        REGEX,
        r"(?:^|[.!?]\s+)at\s+least\b",
        "nudge",
        "Starting with “at least…” can make someone's pain sound smaller than it is. Try naming what they are going through instead.",
    ),
    (
        WORDS,
        "you should be over it by now",
        "nudge",
        "Grief and trauma keep their own time. There is no deadline for healing.",
    ),
    (
        WORDS,
        "should be over it",
        "nudge",
        "Grief and trauma keep their own time. There is no deadline for healing.",
    ),
    (
        WORDS,
        "time heals all wounds",
        "nudge",
        "For many survivors time changes the pain rather than ending it. Being alongside them now matters more.",
    ),
    (
        WORDS,
        "I know exactly how you feel",
        "nudge",
        "Even after similar events, each person's experience is their own. “I went through something similar” leaves room for theirs.",
    ),
    (
        WORDS,
        "they are in a better place",
        "nudge",
        "Some people find comfort in this and some find it painful. Saying you are thinking of them is safe for everyone.",
    ),
    (
        WORDS,
        "it could have been worse",
        "nudge",
        "Comparing can make someone feel their pain doesn't count. Every experience here is taken seriously.",
    ),
    (
        WORDS,
        "just move on",
        "nudge",
        "Healing isn't a straight line, and being told to move on can make people stop sharing.",
    ),
    (
        WORDS,
        "pool of blood",
        "require_cw",
        "This seems to describe graphic details. Please add a content warning so others can choose when to read it.",
    ),
    (
        WORDS,
        "covered in blood",
        "require_cw",
        "This seems to describe graphic details. Please add a content warning so others can choose when to read it.",
    ),
    (
        WORDS,
        "gunshot wound",
        "require_cw",
        "This seems to describe graphic details. Please add a content warning so others can choose when to read it.",
    ),
    (
        WORDS,
        "dead bodies",
        "require_cw",
        "This seems to describe graphic details. Please add a content warning so others can choose when to read it.",
    ),
    (
        WORDS,
        "his real name is",
        "hold",
        "To keep everyone safe, posts that may identify someone are read by a peer supporter first.",
    ),
    (
        WORDS,
        "her real name is",
        "hold",
        "To keep everyone safe, posts that may identify someone are read by a peer supporter first.",
    ),
    (
        WORDS,
        "home address",
        "hold",
        "To keep everyone safe, posts that may identify someone are read by a peer supporter first.",
    ),
    (
        WORDS,
        "cash app",
        "hold",
        "Requests for money are read by a peer supporter first: sadly, people target survivors with scams.",
    ),
    (
        WORDS,
        "venmo",
        "hold",
        "Requests for money are read by a peer supporter first: sadly, people target survivors with scams.",
    ),
    (
        WORDS,
        "wire transfer",
        "hold",
        "Requests for money are read by a peer supporter first: sadly, people target survivors with scams.",
    ),
    (
        WORDS,
        "crypto investment",
        "block",
        "This looks like advertising, which isn't allowed here. If we got it wrong, please rephrase it.",
    ),
    (
        WORDS,
        "online casino",
        "block",
        "This looks like advertising, which isn't allowed here. If we got it wrong, please rephrase it.",
    ),
    (
        WORDS,
        "buy followers",
        "block",
        "This looks like advertising, which isn't allowed here. If we got it wrong, please rephrase it.",
    ),
    (WORDS, "kill myself", "escalate", ""),
    (WORDS, "end my life", "escalate", ""),
    (WORDS, "want to die", "escalate", ""),
    (WORDS, "I can't take it anymore", "escalate", ""),
    (WORDS, "I can't go on", "escalate", ""),
    (WORDS, "no reason to live", "escalate", ""),
    (WORDS, "better off without me", "escalate", ""),
    (WORDS, "not be here tomorrow", "escalate", ""),
]


def seed(apps, schema_editor):
    WatchedPhrase = apps.get_model("moderation", "WatchedPhrase")
    for kind, pattern, action, explanation in SEED:
        WatchedPhrase.objects.get_or_create(
            pattern=pattern,
            group=None,
            defaults={"kind": kind, "action": action, "explanation": explanation},
        )


def unseed(apps, schema_editor):
    WatchedPhrase = apps.get_model("moderation", "WatchedPhrase")
    WatchedPhrase.objects.filter(group=None, pattern__in=[p for _, p, _, _ in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_audit_append_only")]

    operations = [migrations.RunPython(seed, unseed)]
