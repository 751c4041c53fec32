"""The two writes on the path of every crisis alert and every chat line, each one statement.

Opening an escalation with its "opened" event, and storing a chat line only while the chat
is live, are where a person in crisis waits on the database. The ORM versions made five to
seven round trips each (BEGIN, a locking read, SAVEPOINT, INSERT, RELEASE, INSERT, COMMIT);
these make one on PostgreSQL. Measured in bench/escalation_latency.py.

Both also run on SQLite (`make run`'s default database): the chat line with the same SQL, the
opening with the ORM in a transaction, since SQLite has no INSERT inside WITH. The two paths
answer alike: True/an id when written, False/None when a unique constraint said no.
"""

from functools import cache

from django.db import IntegrityError, connection, transaction

from crisis.models import LIVE_STATES, ChatMessage, Escalation, EscalationEvent


def _columns(model, *, skip=()) -> list:
    return [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in skip]


def _values(obj, fields) -> list:
    return [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]


@cache
def _opening() -> tuple[str, list, list]:
    """The statement, and the escalation's and the event's columns in its order."""
    quote = connection.ops.quote_name
    escalation_cols = _columns(Escalation)
    event_cols = _columns(EscalationEvent, skip=("escalation",))
    sql = f"""
        WITH opened AS (
            INSERT INTO {quote(Escalation._meta.db_table)}
                ({", ".join(quote(f.column) for f in escalation_cols)})
            VALUES ({", ".join(["%s"] * len(escalation_cols))})
            ON CONFLICT DO NOTHING
            RETURNING id
        )
        INSERT INTO {quote(EscalationEvent._meta.db_table)}
            (escalation_id, {", ".join(quote(f.column) for f in event_cols)})
        SELECT id, {", ".join(["%s"] * len(event_cols))} FROM opened
        RETURNING escalation_id
    """  # noqa: S608 (names from the models' metadata, every value a placeholder)
    return sql, escalation_cols, event_cols


def escalation_insert(escalation: Escalation, event: EscalationEvent) -> bool:
    """Store a new escalation and its first event together, unless the member already has a
    live one (the partial unique constraint says no: False, nothing written). Sets the pk."""
    if connection.vendor != "postgresql":
        return _escalation_insert_orm(escalation, event)
    sql, escalation_cols, event_cols = _opening()
    params = _values(escalation, escalation_cols) + _values(event, event_cols)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    escalation.pk = event.escalation_id = row[0]
    escalation._state.adding = False
    escalation._state.db = connection.alias
    return True


def _escalation_insert_orm(escalation: Escalation, event: EscalationEvent) -> bool:
    try:
        with transaction.atomic():
            escalation.save(force_insert=True)
            event.escalation = escalation
            event.save(force_insert=True)
    except IntegrityError:
        escalation.pk = None
        escalation._state.adding = True
        return False
    return True


@cache
def _chat_line() -> tuple[str, list]:
    """The statement, and the message's columns in its order."""
    fields = [
        ChatMessage._meta.get_field(name)
        for name in ("author", "author_kind", "body", "client_id", "created_at")
    ]
    sql = f"""
        INSERT INTO crisis_chatmessage
            (escalation_id, author_id, author_kind, body, client_id, created_at)
        SELECT id, %s, %s, %s, %s, %s FROM crisis_escalation
        WHERE id = %s AND state IN ({", ".join(["%s"] * len(LIVE_STATES))})
        ON CONFLICT (escalation_id, author_id, client_id) WHERE NOT (client_id = '') DO NOTHING
        RETURNING id
    """  # noqa: S608 (placeholders only)
    return sql, fields


def chat_line_insert(message: ChatMessage) -> int | None:
    """Store a chat line only while its chat is live, and only once per (author, client_id):
    a resend after a reconnect writes nothing. The new id, or None when nothing was written."""
    sql, fields = _chat_line()
    params = [*_values(message, fields), message.escalation_id, *LIVE_STATES]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None
