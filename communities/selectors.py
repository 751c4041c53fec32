"""Reads that views, consumers and tasks share. Pages are by keyset, never by offset."""

from dataclasses import dataclass, field
from datetime import datetime

from allauth.mfa.models import Authenticator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from communities import permissions
from communities.models import (
    Group,
    Meeting,
    MemberSettings,
    Membership,
    NoteOfHope,
    Post,
    Reaction,
    Resource,
    Rsvp,
    Thread,
    ThreadPreference,
    Topic,
)
from communities.permissions import GroupAccess
from peersupport.models import Notification

POSTS_PER_PAGE = 40
THREADS_PER_PAGE = 25
ANONYMOUS_LABEL = "Anonymous member"
FORMER_MEMBER_LABEL = "former member"


def groups_listed() -> QuerySet[Group]:
    """Groups shown in the public directory: names, descriptions and member counts only."""
    return (
        Group.objects.filter(is_listed=True, archived_at__isnull=True)
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__state=Membership.State.ACTIVE))
        )
        .order_by("name")
    )


def groups_of(user) -> list[Group]:
    """The groups a person belongs to, or helps moderate; hidden ones included."""
    if not user.is_authenticated:
        return []
    return list(
        Group.objects.filter(
            Q(memberships__user=user, memberships__state=Membership.State.ACTIVE)
            | Q(supporters=user)
        )
        .distinct()
        .order_by("name")
    )


def _viewer_in_group(user, group_ref: str) -> dict:
    """Annotations for the viewer's membership state and assignment in the group that
    `group_ref` names in the outer query ("pk" on groups, "group_id" on threads)."""
    return {
        "viewer_state": Subquery(
            Membership.objects.filter(group=OuterRef(group_ref), user=user).values("state")[:1]
        ),
        "viewer_assigned": Exists(
            Group.supporters.through.objects.filter(group_id=OuterRef(group_ref), user_id=user.pk)
        ),
    }


def _access_from_row(user, group: Group, row) -> GroupAccess:
    """What the viewer may do, from the membership annotations the row was read with."""
    if not user.is_authenticated:
        return permissions.group_access(user, group)
    return permissions.group_access(
        user, group, state=row.viewer_state, assigned=row.viewer_assigned
    )


def group_for_viewer(*, slug: str, user) -> GroupAccess | None:
    """The group and what the viewer may do in it, from one query. None: no such group."""
    qs = Group.objects.filter(slug=slug)
    if user.is_authenticated:
        qs = qs.annotate(**_viewer_in_group(user, "pk"))
    group = qs.first()
    return None if group is None else _access_from_row(user, group, group)


def member_settings(user) -> MemberSettings:
    """The person's settings; defaults (not stored) until they change something."""
    if not user.is_authenticated:
        return MemberSettings()
    found = MemberSettings.objects.filter(user=user).first()
    return found or MemberSettings(user=user)


# --- threads ------------------------------------------------------------------------------


def encode_thread_cursor(thread: Thread) -> str:
    return f"{thread.last_activity_at.isoformat()}_{thread.pk}"


def decode_thread_cursor(cursor: str) -> tuple[datetime, int] | None:
    try:
        stamp, pk = cursor.rsplit("_", 1)
        when = parse_datetime(stamp)
        return (when, int(pk)) if when else None
    except (ValueError, TypeError):
        return None


def _anniversary_week(user) -> bool:
    """The member asked (in their peer-matching profile) to mute anniversary and memorial
    threads in the week of their own anniversary, and this is that week."""
    found = MemberSettings.objects.filter(user=user).first()
    return found is not None and found.in_anniversary_week(timezone.now().date())


def threads_page(
    *,
    group: Group,
    user,
    settings: MemberSettings,
    cursor: str = "",
    access: GroupAccess | None = None,
) -> tuple[list[Thread], str]:
    """Threads by latest activity, without muted topics and threads; and the next cursor.
    `access`: the viewer's, when the page has it already."""
    access = access or permissions.group_access(user, group)
    qs = Thread.objects.filter(group=group)
    qs = _without_unseen_openings(qs, access=access, user=user)
    muted_topics = set(settings.muted_topics)
    if user.is_authenticated and _anniversary_week(user):
        muted_topics.add(Topic.ANNIVERSARIES)
    if muted_topics:
        qs = qs.exclude(topic__in=sorted(muted_topics))
    if user.is_authenticated:
        qs = qs.exclude(
            Exists(ThreadPreference.objects.filter(thread=OuterRef("pk"), user=user, muted=True))
        )
    position = decode_thread_cursor(cursor) if cursor else None
    if position:
        when, pk = position
        qs = qs.filter(Q(last_activity_at__lt=when) | Q(last_activity_at=when, id__lt=pk))
    rows = list(qs.order_by("-last_activity_at", "-id")[: THREADS_PER_PAGE + 1])
    next_cursor = (
        encode_thread_cursor(rows[THREADS_PER_PAGE - 1]) if len(rows) > THREADS_PER_PAGE else ""
    )
    return rows[:THREADS_PER_PAGE], next_cursor


def _without_unseen_openings(
    qs: QuerySet[Thread], *, access: GroupAccess, user
) -> QuerySet[Thread]:
    """Threads whose opening post waits for (or was taken down by) a moderator are shown
    only to their author and the group's moderators."""
    if access.is_moderator:
        return qs
    unseen = Post.objects.filter(pk=OuterRef("first_post_id")).exclude(state=Post.State.VISIBLE)
    if user.is_authenticated:
        unseen = unseen.exclude(author=user)
    return qs.exclude(Exists(unseen))


def threads_matching(*, group: Group, query: str, limit: int = 25) -> list[Thread]:
    """Threads of one group whose title or a surviving post mentions `query`."""
    # PostgreSQL cannot hold a NUL in a query parameter: it was a 500 from ?q=a%00b.
    query = query.replace("\x00", "").strip()[:100]
    if len(query) < 2:
        return []
    in_posts = Post.objects.filter(
        thread=OuterRef("pk"),
        deleted_at__isnull=True,
        state=Post.State.VISIBLE,
        body__icontains=query,
    )
    opening_visible = Post.objects.filter(pk=OuterRef("first_post_id"), state=Post.State.VISIBLE)
    return list(
        Thread.objects.filter(group=group)
        .filter(Exists(opening_visible))
        .filter(Q(title__icontains=query) | Exists(in_posts))
        .order_by("-last_activity_at", "-id")[:limit]
    )


def _thread_viewer_annotations(qs: QuerySet[Thread], user) -> QuerySet[Thread]:
    opening = Post.objects.filter(pk=OuterRef("first_post_id"))
    qs = qs.annotate(
        opening_state=Subquery(opening.values("state")[:1]),
        opening_author_id=Subquery(opening.values("author_id")[:1]),
    )
    if user.is_authenticated:
        prefs = ThreadPreference.objects.filter(thread=OuterRef("pk"), user=user)
        qs = qs.annotate(
            viewer_following=Subquery(prefs.values("following")[:1]),
            viewer_muted=Subquery(prefs.values("muted")[:1]),
        )
    return qs


def _thread_shown(thread: Thread, access: GroupAccess, user) -> bool:
    """A thread whose opening post waits for a moderator is shown to its author and to the
    group's moderators only."""
    unseen = thread.opening_state not in (None, Post.State.VISIBLE)
    others = thread.opening_author_id != user.pk
    return not (unseen and others and not access.is_moderator)


def thread_for_viewer(*, access: GroupAccess, thread_id: int, user) -> Thread | None:
    group = access.group
    qs = _thread_viewer_annotations(Thread.objects.filter(group=group, pk=thread_id), user)
    thread = qs.first()
    if thread is None or not _thread_shown(thread, access, user):
        return None
    thread.group = group
    return thread


def group_and_thread_for_viewer(*, slug: str, thread_id: int, user):
    """`group_for_viewer` and `thread_for_viewer` in one query: (access, thread), where the
    thread is None when it does not exist or is not shown to this viewer, and both are None
    when the group does not hold it. Replying reads it: a crisis reply's alert waits on it."""
    qs = Thread.objects.filter(group__slug=slug, pk=thread_id).select_related("group")
    if user.is_authenticated:
        qs = qs.annotate(**_viewer_in_group(user, "group_id"))
    thread = _thread_viewer_annotations(qs, user).first()
    if thread is None:
        return None, None
    access = _access_from_row(user, thread.group, thread)
    return access, (thread if _thread_shown(thread, access, user) else None)


def muted_threads(user) -> QuerySet[Thread]:
    return Thread.objects.filter(preferences__user=user, preferences__muted=True).select_related(
        "group"
    )


@dataclass
class PostView:
    """One post as one viewer sees it: who wrote it, what they may do with it."""

    post: Post
    author_label: str
    revealed_author: str = ""
    is_own: bool = False
    is_moderator: bool = False
    can_edit: bool = False
    can_delete: bool = False
    my_reactions: set[str] = field(default_factory=set)

    @property
    def pk(self) -> int:
        return self.post.pk


def _posts_query(thread: Thread) -> QuerySet[Post]:
    group_id = thread.group_id
    bounds = {}
    if thread.first_post_id is not None and thread.last_post_id is not None:
        bounds = {"id__gte": thread.first_post_id, "id__lte": thread.last_post_id}
    return (
        Post.objects.filter(thread=thread, **bounds)
        .select_related("author")
        .annotate(
            author_is_member=Exists(
                Membership.objects.filter(
                    group_id=group_id, user_id=OuterRef("author_id"), state=Membership.State.ACTIVE
                )
            ),
            author_is_supporter=Exists(
                Group.supporters.through.objects.filter(
                    group_id=group_id, user_id=OuterRef("author_id")
                )
            ),
        )
    )


def _views(
    posts: list[Post],
    *,
    thread: Thread,
    user,
    settings: MemberSettings,
    access: GroupAccess,
    mine: dict[int, set[str]] | None = None,
) -> list[PostView]:
    """`mine`: the viewer's reactions by post id when the caller has read them already."""
    moderator = access.is_moderator
    if mine is None:
        mine = {}
        if user.is_authenticated and posts:
            for post_id, kind in Reaction.objects.filter(
                user=user, post_id__in=[p.pk for p in posts]
            ).values_list("post_id", "kind"):
                mine.setdefault(post_id, set()).add(kind)
    views = []
    for post in posts:
        if settings.hide_cw_posts and post.cw_label and post.author_id != user.pk:
            continue
        is_own = post.author_id == user.pk
        # Held and hidden posts: only their author and moderators see them. A removed post
        # keeps its place for everyone, without its words.
        if post.state in (Post.State.HELD, Post.State.HIDDEN) and not (is_own or moderator):
            continue
        if post.is_anonymous:
            label = ANONYMOUS_LABEL + (" (you)" if is_own else "")
        elif post.author_is_member or post.author_is_supporter:
            label = post.author.display_name
        else:
            label = FORMER_MEMBER_LABEL
        views.append(
            PostView(
                post=post,
                author_label=label,
                revealed_author=post.author.display_name if post.is_anonymous and moderator else "",
                is_own=is_own,
                is_moderator=moderator,
                can_edit=permissions.can_edit_post(user, post),
                can_delete=permissions.can_delete_post(user, post),
                my_reactions=mine.get(post.pk, set()),
            )
        )
    return views


@dataclass
class PostsPage:
    views: list[PostView]
    newer_cursor: int | None  # show posts after this id
    older_cursor: int | None  # show posts before this id
    is_latest: bool  # nothing newer: live replies may be appended


def posts_page(
    *,
    thread: Thread,
    access: GroupAccess,
    user,
    settings: MemberSettings,
    after: int | None = None,
    before: int | None = None,
    latest: bool = False,
) -> PostsPage:
    """A page of posts in order, found by id (keyset): as fast deep in a thread as at its start."""
    qs = _posts_query(thread)
    if before is not None or latest:
        if before is not None:
            qs = qs.filter(id__lt=before)
        rows = list(qs.order_by("-id")[: POSTS_PER_PAGE + 1])
        has_older = len(rows) > POSTS_PER_PAGE
        rows = list(reversed(rows[:POSTS_PER_PAGE]))
        has_newer = not latest and bool(rows)
        if has_newer:
            has_newer = _posts_query(thread).filter(id__gt=rows[-1].pk).exists()
    else:
        if after is not None:
            qs = qs.filter(id__gt=after)
        rows = list(qs.order_by("id")[: POSTS_PER_PAGE + 1])
        has_newer = len(rows) > POSTS_PER_PAGE
        rows = rows[:POSTS_PER_PAGE]
        has_older = after is not None and bool(rows)
    return PostsPage(
        views=_views(rows, thread=thread, user=user, settings=settings, access=access),
        newer_cursor=rows[-1].pk if rows and has_newer else None,
        older_cursor=rows[0].pk if rows and has_older else None,
        is_latest=not has_newer,
    )


def post_views_by_id(
    *, thread: Thread, access: GroupAccess, user, settings: MemberSettings, ids: list[int]
) -> list[PostView]:
    posts = list(_posts_query(thread).filter(id__in=ids).order_by("id"))
    return _views(posts, thread=thread, user=user, settings=settings, access=access)


def post_views_for_viewers(
    *, slug: str, thread_id: int, ids: list[int], users: list
) -> dict[int, tuple[Thread, GroupAccess, list[PostView]] | None]:
    """`group_for_viewer`, `thread_for_viewer` and `post_views_by_id` for many viewers at once,
    by user id, in nine queries whoever and however many they are (a live thread's change
    reaches all its viewers in a process together): (thread, access, views), or None for a
    viewer who may not read the thread. Each viewer gets their own `GroupAccess` from the
    same permission check as the page; the group and thread are shared."""
    group = Group.objects.filter(slug=slug).first()
    thread = None
    if group is not None:
        opening = Post.objects.filter(pk=OuterRef("first_post_id"))
        thread = (
            Thread.objects.filter(group=group, pk=thread_id)
            .annotate(
                opening_state=Subquery(opening.values("state")[:1]),
                opening_author_id=Subquery(opening.values("author_id")[:1]),
            )
            .first()
        )
    if thread is None:
        return {user.pk: None for user in users}
    user_ids = {user.pk for user in users}
    states = dict(
        Membership.objects.filter(group=group, user_id__in=user_ids).values_list("user_id", "state")
    )
    assigned = set(
        Group.supporters.through.objects.filter(
            group_id=group.pk, user_id__in=user_ids
        ).values_list("user_id", flat=True)
    )
    settings_by_user = {s.user_id: s for s in MemberSettings.objects.filter(user_id__in=user_ids)}
    posts = list(_posts_query(thread).filter(id__in=ids).order_by("id"))
    reactions: dict[int, dict[int, set[str]]] = {user_id: {} for user_id in user_ids}
    for user_id, post_id, kind in Reaction.objects.filter(
        user_id__in=user_ids, post_id__in=ids
    ).values_list("user_id", "post_id", "kind"):
        reactions[user_id].setdefault(post_id, set()).add(kind)

    staff_ready = set(
        Authenticator.objects.filter(
            user_id__in=user_ids, type=Authenticator.Type.TOTP
        ).values_list("user_id", flat=True)
    )

    found: dict[int, tuple[Thread, GroupAccess, list[PostView]] | None] = {}
    thread.group = group
    for user in users:
        access = permissions.group_access(
            user,
            group,
            state=states.get(user.pk),
            assigned=user.pk in assigned,
            staff_ready=user.pk in staff_ready,
        )
        if not access.can_read or not _thread_shown(thread, access, user):
            found[user.pk] = None
            continue
        settings = settings_by_user.get(user.pk) or MemberSettings(user=user)
        found[user.pk] = (
            thread,
            access,
            _views(
                posts,
                thread=thread,
                user=user,
                settings=settings,
                access=access,
                mine=reactions[user.pk],
            ),
        )
    return found


def posts_changed_since(
    *,
    thread: Thread,
    access: GroupAccess,
    user,
    settings: MemberSettings,
    after_id: int,
    since: datetime | None,
) -> list[PostView]:
    """What a reconnecting viewer missed: new posts, and posts edited or reacted to since."""
    condition = Q(id__gt=after_id)
    if since is not None:
        condition |= Q(updated_at__gte=since)
    posts = list(_posts_query(thread).filter(condition).order_by("id")[:200])
    return _views(posts, thread=thread, user=user, settings=settings, access=access)


# --- membership ---------------------------------------------------------------------------


def requests_awaiting_decision(group: Group) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(group=group, state=Membership.State.PENDING)
        .select_related("user")
        .order_by("requested_at")
    )


def members_active(group: Group) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(group=group, state=Membership.State.ACTIVE)
        .select_related("user")
        .order_by("user__display_name")
    )


def note_of_hope_for_welcome() -> NoteOfHope | None:
    return NoteOfHope.objects.filter(approved_at__isnull=False).order_by("?").first()


def notes_awaiting_approval() -> QuerySet[NoteOfHope]:
    return NoteOfHope.objects.filter(approved_at__isnull=True).order_by("created_at")


# --- meetings -----------------------------------------------------------------------------


def meetings_upcoming(*, group: Group, user, limit: int = 20) -> list[Meeting]:
    now = timezone.now()
    qs = (
        Meeting.objects.filter(group=group, cancelled_at__isnull=True, starts_at__gte=now)
        .select_related("facilitator")
        .annotate(rsvp_count=Count("rsvps"))
    )
    if user.is_authenticated:
        qs = qs.annotate(
            viewer_going=Exists(Rsvp.objects.filter(meeting=OuterRef("pk"), user=user))
        )
    return list(qs.order_by("starts_at")[:limit])


# --- resources ----------------------------------------------------------------------------


def resources_search(
    *, q: str = "", category: str = "", region: str = "", language: str = ""
) -> QuerySet[Resource]:
    qs = Resource.objects.all()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(description__icontains=q))
    if category:
        qs = qs.filter(category=category)
    if region:
        qs = qs.filter(Q(region__icontains=region) | Q(region=""))
    if language:
        qs = qs.filter(languages__icontains=language)
    return qs.order_by("category", "name")


# --- notifications ------------------------------------------------------------------------


def notifications_recent(user, limit: int = 50) -> list[Notification]:
    return list(Notification.objects.filter(user=user).order_by("-created_at", "-id")[:limit])


def notifications_unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def posts_unscored(*, written_before, limit: int = 200):
    """Posts that crisis risk detection has not read yet (e.g. stored while it failed)."""
    return (
        Post.objects.filter(
            risk_scored_at__isnull=True, deleted_at__isnull=True, created_at__lt=written_before
        )
        .select_related("author", "thread__group")
        .order_by("pk")[:limit]
    )
