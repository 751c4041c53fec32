"""Fixed vocabularies for experience profiles, and the plain words used to explain a match.

Lists are stored as comma-framed strings (",en,es,") so that both PostgreSQL and the
embedded SQLite can filter them with a plain LIKE.
"""

from django.db import models


class EventKind(models.TextChoices):
    MASS_SHOOTING = "shooting", "Mass shooting"
    TERRORISM = "terror", "Terrorist attack"
    OTHER_MASS_VIOLENCE = "mass_violence", "Other mass violence"
    DISASTER = "disaster", "Natural or technological disaster"
    DOMESTIC = "domestic", "Domestic or family violence"
    SEXUAL = "sexual", "Sexual violence"
    COMMUNITY = "community", "Community violence"
    COMBAT = "combat", "Combat"
    OTHER = "other", "Something else"


class Affected(models.TextChoices):
    INJURED = "injured", "I was injured"
    PRESENT = "present", "I was there, or saw it happen"
    BEREAVED = "bereaved", "I lost a family member"
    FRIEND = "friend", "Someone close to me was hurt or killed"
    RESPONDER = "responder", "I helped as a first responder or health worker"
    COMMUNITY = "community", "My community was affected"
    OTHER = "other", "Another way"


class Way(models.TextChoices):
    CHAT = "chat", "Chat (writing)"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"


class Language(models.TextChoices):
    EN = "en", "English"
    ES = "es", "Spanish"
    FR = "fr", "French"
    DE = "de", "German"
    PT = "pt", "Portuguese"
    AR = "ar", "Arabic"
    ZH = "zh", "Chinese"
    UK = "uk", "Ukrainian"
    RU = "ru", "Russian"
    TL = "tl", "Tagalog"


class Topic(models.TextChoices):
    GRIEF = "grief", "Grief and loss"
    FEAR = "fear", "Fear and feeling unsafe"
    SLEEP = "sleep", "Sleep and nightmares"
    GUILT = "guilt", "Guilt, including survivor's guilt"
    ANGER = "anger", "Anger"
    INJURY = "injury", "Living with an injury"
    FAMILY = "family", "Family and relationships"
    PARENTING = "parenting", "Parenting after"
    WORK = "work", "Going back to work or school"
    MEDIA = "media", "Media, courts and attention"
    ANNIVERSARY = "anniversary", "Anniversaries and memorials"
    FAITH = "faith", "Faith and meaning"
    THERAPY = "therapy", "Finding a therapist"


class Gender(models.TextChoices):
    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    NONBINARY = "nonbinary", "Non-binary"
    SELF = "self", "I describe myself another way"


class OwnEvent(models.TextChoices):
    ANY = "any", "Either is fine"
    NOT_OWN = "not_own", "Not someone from my own event"
    OWN = "own", "Someone from my own event, if possible"


class Phase(models.TextChoices):
    EARLY = "early", "The first 30 days"
    INTERMEDIATE = "intermediate", "31 days to a year"
    LONG_TERM = "long_term", "More than a year"


# "also ... in a shooting": how a shared way of being affected is said.
AFFECTED_PHRASES = {
    Affected.INJURED: "was also injured",
    Affected.PRESENT: "was also there when it happened",
    Affected.BEREAVED: "also lost a family member",
    Affected.FRIEND: "also had someone close hurt or killed",
    Affected.RESPONDER: "also helped as a responder",
    Affected.COMMUNITY: "also saw their community affected",
    Affected.OTHER: "was also affected in a way of their own",
}
EVENT_PHRASES = {
    EventKind.MASS_SHOOTING: "a shooting",
    EventKind.TERRORISM: "a terrorist attack",
    EventKind.OTHER_MASS_VIOLENCE: "an act of mass violence",
    EventKind.DISASTER: "a disaster",
    EventKind.DOMESTIC: "family violence",
    EventKind.SEXUAL: "sexual violence",
    EventKind.COMMUNITY: "violence in their community",
    EventKind.COMBAT: "combat",
    EventKind.OTHER: "a hard event",
}
TOPIC_SHORT = {
    Topic.GRIEF: "grief",
    Topic.FEAR: "feeling unsafe",
    Topic.SLEEP: "sleep",
    Topic.GUILT: "guilt",
    Topic.ANGER: "anger",
    Topic.INJURY: "living with an injury",
    Topic.FAMILY: "family",
    Topic.PARENTING: "parenting",
    Topic.WORK: "going back to work or school",
    Topic.MEDIA: "media and courts",
    Topic.ANNIVERSARY: "anniversaries",
    Topic.FAITH: "faith and meaning",
    Topic.THERAPY: "finding a therapist",
}


def encode_list(values) -> str:
    """[a, b] -> ",a,b," (empty list -> "")."""
    values = [v for v in dict.fromkeys(values or []) if v]
    return f",{','.join(values)}," if values else ""


def decode_list(stored: str) -> list[str]:
    return [v for v in (stored or "").split(",") if v]
