"""The crisis app's sections of the staff console (found by peersupport.console)."""

from crisis.models import LIVE_STATES, Escalation, Shift
from peersupport.console import Fact, Section, register_person_facts, register_section
from peersupport.roles import Role

LEADS = (Role.ADMIN, Role.SUPERVISOR)

register_section(
    Section(
        key="risk_rules",
        title="Risk rules",
        description="The patterns that signal risk, with a box to try a sentence.",
        url_name="crisis_console:risk_rules",
        order=30,
    )
)
register_section(
    Section(
        key="shifts",
        title="Counselor shifts",
        description="The weekly roster. Hours nobody covers show in red.",
        url_name="crisis_console:shifts",
        roles=LEADS,
        order=20,
    )
)
register_section(
    Section(
        key="canned_responses",
        title="Canned responses",
        description="Words counselors can insert into a chat.",
        url_name="crisis_console:canned",
        roles=LEADS,
        order=50,
    )
)
register_section(
    Section(
        key="crisis_console",
        title="Counselor console",
        description="The live queue and chats.",
        url_name="crisis:console",
        roles=(Role.COUNSELOR, Role.SUPERVISOR),
        order=1,
    )
)


@register_person_facts
def _crisis(person) -> list[Fact]:
    """A live crisis chat, so nobody suspends a person mid-crisis without knowing."""
    facts = []
    if Escalation.objects.filter(member=person, state__in=LIVE_STATES).exists():
        facts.append(
            Fact(
                "Crisis support",
                "In a crisis chat or waiting for a counselor right now. Suspending them "
                "would end it: please talk to the supervisor on duty first.",
                warn=True,
            )
        )
    shifts = Shift.objects.filter(counselor=person).count()
    if shifts:
        facts.append(Fact("Counselor shifts", f"{shifts} a week on the roster"))
    return facts
