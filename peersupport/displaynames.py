# ruff: noqa: RUF001, RUF002
# (the look-alike letters are the point of this file)
"""Display names that cannot pass for the system or for staff (issue 18 #13).

A name is NFKC-normalised, stripped of invisible characters (zero-width spaces, joiners,
direction marks) and of repeated spaces. Its *skeleton* (lower case, common look-alike
letters from Cyrillic and Greek folded to Latin, digits that pass for letters folded too)
must not contain a system label ("Anonymous member", "peersupport", "former member", role
words) and must not equal a staff member's name's skeleton. So "Counselor Reed" with a
Cyrillic о, or a zero-width "Admin Birch", is refused with a kind word.
"""

import re
import unicodedata

from django.conf import settings

INVISIBLE = re.compile(
    r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    r"\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff]"
)
# Look-alikes folded to the Latin letter they pass for (a small, deliberate table: the
# letters that make up the system labels and role words).
CONFUSABLES = str.maketrans({
    "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i",
    "ј": "j", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "ԛ": "q", "ѕ": "s", "т": "t",
    "у": "y", "х": "x", "ԝ": "w", "ɑ": "a", "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i",
    "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
    "0": "o", "1": "l", "3": "e", "5": "s", "|": "l", "ı": "i", "ℓ": "l",
})  # fmt: skip
SYSTEM_LABELS = (
    "anonymous member", "former member", "peersupport", "peer support team", "moderator",
    "admin", "administrator", "counselor", "counsellor", "supervisor", "peer supporter",
    "crisis team", "staff", "system",
)  # fmt: skip
NOT_ALLOWED = "That name could be mistaken for the platform or its staff. Could you pick another?"


def normalised(name: str) -> str:
    """What is stored: NFKC, no invisible characters, single spaces."""
    name = INVISIBLE.sub("", unicodedata.normalize("NFKC", name))
    return " ".join(name.split())


def skeleton(name: str) -> str:
    folded = unicodedata.normalize("NFKD", normalised(name).lower().translate(CONFUSABLES))
    letters = "".join(c for c in folded if not unicodedata.combining(c))
    letters = letters.translate(CONFUSABLES).replace("rn", "m")
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", letters).split())


def impersonates(name: str, staff_names) -> bool:
    """True when `name` could pass for a system label or for one of `staff_names`."""
    shape = skeleton(name)
    squeezed = shape.replace(" ", "")
    labels = (*SYSTEM_LABELS, settings.SITE_NAME)
    if any(skeleton(label).replace(" ", "") in squeezed for label in labels):
        return True
    return any(skeleton(staff) == shape for staff in staff_names)
