"""The matching app's section of the staff console (found by peersupport.console)."""

from peersupport.console import Section, register_section
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
