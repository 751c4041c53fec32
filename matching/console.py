"""The matching app's section of the staff console (found by peersupport.console)."""

from django.urls import reverse

from matching.models import SupporterProfile
from peersupport.console import Fact, Section, register_person_facts, register_section
from peersupport.roles import Role

register_section(
    Section(
        key="supporter_verification",
        title="Supporter verification",
        description="Verify peer supporters' training; see their load and any reports.",
        url_name="matching:manage",
        order=25,
    )
)
register_section(
    Section(
        key="peer_support",
        title="Your peer support",
        description="Members who asked for you, your conversations, your readiness check.",
        url_name="matching:supporter_home",
        roles=(Role.SUPPORTER,),
        order=2,
    )
)


@register_person_facts
def _supporter_training(person) -> list[Fact]:
    profile = SupporterProfile.objects.filter(user=person).first()
    if profile is None:
        return []
    url = reverse("matching:manage")
    if profile.verified_at is None:
        return [Fact("Supporter training", "Not verified yet", url=url, warn=True)]
    return [
        Fact(
            "Supporter training",
            f"Verified {profile.verified_at:%-d %b %Y}; "
            f"{profile.load} of {profile.capacity} conversations"
            + (" (paused)" if profile.is_paused else ""),
            url=url,
        )
    ]
