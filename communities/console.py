"""The communities app's sections of the staff console (found by peersupport.console)."""

from communities.models import Membership
from peersupport.console import Fact, Section, register_person_facts, register_section
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


@register_person_facts
def _groups(person) -> list[Fact]:
    rows = list(
        Membership.objects.filter(user=person)
        .exclude(state__in=[Membership.State.LEFT])
        .select_related("group")
        .order_by("group__name")
    )
    supported = list(person.supported_groups.order_by("name").values_list("name", flat=True))
    facts = [
        Fact(
            "Groups",
            ", ".join(f"{m.group.name} ({m.get_state_display().lower()})" for m in rows) or "None",
        )
    ]
    if supported:
        facts.append(Fact("Supports", ", ".join(supported)))
    return facts
