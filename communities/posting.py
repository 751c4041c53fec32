"""A member's words, from the page to the database: one service per page, one pass down.

The steps, in order (docs/architecture.md lists each with its function):

1. read the words for risk: crisis first, before anything else is checked, so words typed
   into a thread removed a moment ago, or a reply a little too long, still reach a counselor
   (`services.words_first` -> `crisis.services.escalation_open_first`);
2. find the thread or group, as this person may see it (outsiders learn nothing);
3. check the form;
4. screen, store, and hand over to moderation and crisis support
   (`services.post_create` / `services.thread_create`);
5. say what became of the words: why they wait, or where help is.

The page renders the `Submission` it gets back and decides nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.forms import Form

from communities import forms, screening, selectors, services
from communities.models import Group, Post, Thread
from communities.permissions import GroupAccess
from crisis.selectors import escalation_live_for_member


@dataclass(frozen=True)
class Submission:
    """What became of a member's words. `post` when stored (visible or held); otherwise
    `form` says why, with the words kept. `not_found`: the page answers 404, leading with
    help when the words reached a counselor (`help_offered`)."""

    form: Form | None = None
    access: GroupAccess | None = None  # the group, and what the author may do in it
    thread: Thread | None = None
    post: Post | None = None
    not_found: bool = False
    nudged: bool = False
    help_offered: bool = False
    notes: tuple[str, ...] = ()

    @property
    def group(self) -> Group | None:
        return self.access.group if self.access is not None else None


def _read_for_risk(author, data, *, opening: bool):
    """Step 1. None when there are no words to read (a page view, or nobody signed in)."""
    if not author.is_authenticated or data is None:
        return None

    def field(name: str) -> str:
        return data.get(name, "")[: forms.REPLY_MAX_CHARS].replace("\x00", "")

    return services.words_first(
        author=author,
        body=field("body"),
        title=field("title") if opening else "",
        opening=opening,
    )


def _escalates(risk) -> bool:
    return risk is not None and risk.escalates


def _help_note(risk) -> tuple[str, ...]:
    return (screening.AT_RISK_VISIBLE_NOTE,) if _escalates(risk) else ()


def _refused(author, form: Form, exc: ValidationError) -> tuple[bool, tuple[str, ...]]:
    """Why the words were not stored, into the form. Words that reached a crisis counselor
    before the post was refused (crisis first) still get the offer of help beside it.
    Returns (nudged, notes): a nudge lets the page offer "Post it as it is"."""
    kind = getattr(exc, "kind", "")
    form.add_error("cw_label" if kind == "require_cw" else None, " ".join(exc.messages))
    at_risk = escalation_live_for_member(author) is not None
    return kind == "nudge", (screening.AT_RISK_VISIBLE_NOTE,) if at_risk else ()


def _stored_note(post: Post) -> tuple[str, ...]:
    note = screening.author_note(post)
    return (note,) if note else ()


def reply_submit(*, author, slug: str, thread_id: int, data) -> Submission:
    """A reply posted from the thread page (`data`: the POST)."""
    risk = _read_for_risk(author, data, opening=False)
    access, thread = selectors.group_and_thread_for_viewer(
        slug=slug, thread_id=thread_id, user=author
    )
    if access is None or thread is None or not access.can_read:
        return Submission(not_found=True, help_offered=_escalates(risk))
    form = forms.ReplyForm(data or None)
    found = {"form": form, "access": access, "thread": thread, "help_offered": _escalates(risk)}
    if not form.is_valid():
        return Submission(**found, notes=_help_note(risk))
    try:
        post = services.post_create(
            thread=thread, author=author, post_anyway="post_anyway" in data, risk=risk,
            **form.cleaned_data,
        )  # fmt: skip
    except ValidationError as exc:
        nudged, notes = _refused(author, form, exc)
        return Submission(**found, nudged=nudged, notes=notes)
    return Submission(**found, post=post, notes=_stored_note(post))


def thread_submit(*, author, slug: str, data) -> Submission:
    """A new thread posted from the group's "new thread" page (`data`: the POST)."""
    risk = _read_for_risk(author, data, opening=True)
    access = selectors.group_for_viewer(slug=slug, user=author)
    if access is None or not access.can_read:
        return Submission(not_found=True, help_offered=_escalates(risk))
    form = forms.ThreadForm(data or None)
    found = {"form": form, "access": access, "help_offered": _escalates(risk)}
    if not form.is_valid():
        return Submission(**found, notes=_help_note(risk))
    try:
        thread = services.thread_create(
            group=access.group, author=author, post_anyway="post_anyway" in data, risk=risk,
            **form.cleaned_data,
        )  # fmt: skip
    except ValidationError as exc:
        nudged, notes = _refused(author, form, exc)
        return Submission(**found, nudged=nudged, notes=notes)
    opening = Post.objects.get(pk=thread.first_post_id)
    return Submission(**found, thread=thread, post=opening, notes=_stored_note(opening))


def edit_submit(*, editor, access: GroupAccess, post: Post, data) -> Submission:
    """An author's edit (`post` already found for them by the page)."""
    form = forms.EditForm(data or None, initial={"body": post.body, "cw_label": post.cw_label})
    found = {"form": form, "access": access, "thread": post.thread}
    if not form.is_valid():
        return Submission(**found)
    try:
        services.post_edit(
            post=post, editor=editor, post_anyway="post_anyway" in data, **form.cleaned_data
        )
    except ValidationError as exc:
        nudged, notes = _refused(editor, form, exc)
        return Submission(**found, nudged=nudged, notes=notes)
    return Submission(**found, post=post, notes=_stored_note(post))
