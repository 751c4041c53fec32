"""The crisis app's sections of the staff console (found by peersupport.console)."""

from peersupport.console import Section, register_section
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
