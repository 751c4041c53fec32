"""The staff console's home: sections that apps contribute.

peersupport imports no app. Each app may add a `console.py` that calls `register_section`;
they are found once, lazily, with Django's `autodiscover_modules`. Sections an app is
expected to bring but that is not installed yet (moderation's watched phrases) show as a
quiet "not here yet" slot, so the console's shape does not change when it lands.
"""

from dataclasses import dataclass
from functools import cache

from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import autodiscover_modules

from peersupport.roles import Role


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    description: str
    url_name: str
    roles: tuple[str, ...] = (Role.ADMIN,)
    order: int = 100

    @property
    def url(self) -> str:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return ""


_SECTIONS: dict[str, Section] = {}

# Sections an app is expected to bring but has not yet, shown to admins as a quiet slot
# until it registers the key: {key: (title, description, order)}. Every planned section
# has shipped, so it is empty.
PLANNED_SECTIONS: dict[str, tuple[str, str, int]] = {}


@dataclass(frozen=True)
class Fact:
    """One line an app adds to a person's console page ("Groups: Parents, Siblings")."""

    label: str
    value: str
    url: str = ""
    warn: bool = False


# Callables (person) -> list[Fact], one per app, each a query or two.
_PERSON_FACTS: list = []


def register_person_facts(func):
    """Let an app add what it knows about a person to their console page."""
    _PERSON_FACTS.append(func)
    return func


def person_facts(person) -> list[Fact]:
    _discover()
    return [fact for func in _PERSON_FACTS for fact in func(person)]


def register_section(section: Section) -> Section:
    _SECTIONS[section.key] = section
    return section


@cache
def _discover() -> None:
    autodiscover_modules("console")


def sections_for(user) -> list[Section]:
    """The sections `user` may open, in console order."""
    _discover()
    return sorted(
        (s for s in _SECTIONS.values() if user.has_role(*s.roles)),
        key=lambda s: (s.order, s.title),
    )


def planned_slots_for(user) -> list[tuple[str, str]]:
    """(title, description) for expected sections no installed app provides yet (admins only)."""
    _discover()
    if not user.has_role(Role.ADMIN):
        return []
    return [
        (title, description)
        for key, (title, description, _order) in sorted(
            PLANNED_SECTIONS.items(), key=lambda kv: kv[1][2]
        )
        if key not in _SECTIONS
    ]


# The platform's own sections.
register_section(
    Section(
        key="people",
        title="People",
        description="Find someone by pseudonym or email; see and change roles; suspend.",
        url_name="console:people",
        order=10,
    )
)
register_section(
    Section(
        key="metrics",
        title="Metrics",
        description="How the platform is doing: crisis response, joining, matching, coverage.",
        url_name="console:metrics",
        roles=(Role.ADMIN, Role.SUPERVISOR),
        order=5,
    )
)
register_section(
    Section(
        key="audit",
        title="Audit log",
        description="Every change made in this console: who, what, before and after.",
        url_name="console:audit",
        order=90,
    )
)
