"""The crisis lines the platform points people to, in one place.

Pages get them as `LINES` (and the short list as `HOTLINES`) from the context processor;
services build their texts from them. Two pages cannot: Django renders 400.html and
500.html with no context, so they carry the numbers as written (keep them in step).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Hotline:
    name: str
    number: str  # as a person reads and dials it
    tel: str  # the link that dials it
    sms: str = ""  # the link that texts it, where texting works


LIFELINE = Hotline("988 Suicide & Crisis Lifeline", "988", "tel:988", "sms:988")
DISASTER_DISTRESS = Hotline("Disaster Distress Helpline", "1-800-985-5990", "tel:18009855990")
EMERGENCY = Hotline("Emergency services", "911", "tel:911")

LINES = {"lifeline": LIFELINE, "disaster_distress": DISASTER_DISTRESS, "emergency": EMERGENCY}

# The short list (name, what to do, link), e.g. in a care message.
HOTLINES = (
    {"name": LIFELINE.name, "how": f"Call or text {LIFELINE.number}", "href": LIFELINE.tel},
    {
        "name": DISASTER_DISTRESS.name,
        "how": f"Call or text {DISASTER_DISTRESS.number}",
        "href": DISASTER_DISTRESS.tel,
    },
    {
        "name": EMERGENCY.name,
        "how": f"Call {EMERGENCY.number} if you are in danger now",
        "href": EMERGENCY.tel,
    },
)
