"""Every write in moderation, by topic (as Zulip splits zerver/actions). Each action writes
its audit row in the same transaction; notifications and live queue updates go out once the
commit is done. `from moderation import services` and `services.<name>` keep working."""

from moderation.services.actions import (  # noqa: F401
    POST_ACTIONS,
    join_request_decide,
    post_moderate,
)
from moderation.services.appeals import (  # noqa: F401
    APPEALABLE,
    appeal_create,
    appeal_decide,
)
from moderation.services.audit import (  # noqa: F401
    audit_write,
    post_snapshot,
)
from moderation.services.beat import (  # noqa: F401
    breaches_alert,
    sweep,
)
from moderation.services.flags import (  # noqa: F401
    FLAG_PRIORITY,
    FLAG_THANKS,
    flag_create,
)
from moderation.services.handoff import (  # noqa: F401
    crisis_escalate,
)
from moderation.services.live import (  # noqa: F401
    entry_broadcast_on_commit,
    queue_channel_group,
)
from moderation.services.queue import (  # noqa: F401
    ActionRefused,
    claim_expiry,
    claims_release_expired,
    entry_claim,
    entry_open_for_post,
    entry_post_locked,
    entry_release,
    entry_resolve,
    entry_take,
    entry_touch,
    escalation_queue,
    join_requests_sync,
    post_review_open,
    post_url,
)
from moderation.services.sanctions import (  # noqa: F401
    care_message_send,
    entry_escalate,
    member_ban,
    member_mute,
    member_remove_from_group,
)
from moderation.services.screening import (  # noqa: F401
    CW_LEAD,
    NUDGE_LEAD,
    REFUSING_ACTIONS,
    PostNeedsChanges,
    Screening,
    content_screen,
    post_screened,
)
from moderation.services.wellbeing import (  # noqa: F401
    SITTING_GAP,
    care_message_read,
    member_note_add,
    phrase_delete,
    phrase_save,
    sitting_end,
    sitting_touch,
    step_back_set,
)
