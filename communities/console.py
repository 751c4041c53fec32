"""The communities app's sections of the staff console (found by peersupport.console)."""

from peersupport.console import Section, register_section
from peersupport.roles import Role

register_section(
    Section(
        key="groups",
        title="Groups",
        description="Create and edit groups, assign peer supporters, see who is waiting to join.",
        url_name="communities_console:groups",
        order=15,
    )
)
register_section(
    Section(
        key="resources",
        title="Resource directory",
        description="Hotlines, local services and articles members can find.",
        url_name="communities_console:resources",
        order=40,
    )
)
register_section(
    Section(
        key="notes_of_hope",
        title="Notes of hope",
        description="Read members' notes of hope before new members see them.",
        url_name="communities:hope_review",
        roles=(Role.SUPPORTER, Role.ADMIN),
        order=60,
    )
)
