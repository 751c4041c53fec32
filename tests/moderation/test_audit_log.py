"""The audit log is append-only: the model refuses changes, PostgreSQL refuses them too, and
the admin offers no way to add, change or delete a row. Watched-phrase changes are audited."""

import pytest
from django.contrib import admin as django_admin
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from moderation.admin import AuditEntryAdmin, WatchedPhraseAdmin
from moderation.models import AuditEntry, WatchedPhrase
from moderation.services import audit_write, phrase_delete, phrase_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def row(supporter):
    return audit_write(actor=supporter, action="post_remove", target_type="post", target_id=1)


def test_model_refuses_to_change_or_delete_a_row(row):
    row.reason = "rewritten"
    with pytest.raises(ValidationError):
        row.save()
    with pytest.raises(ValidationError):
        row.delete()
    with pytest.raises(ValidationError):
        AuditEntry.objects.filter(pk=row.pk).update(reason="x")
    with pytest.raises(ValidationError):
        AuditEntry.objects.all().delete()


def test_postgresql_refuses_update_and_delete_even_in_raw_sql(row):
    for sql in (
        "UPDATE moderation_auditentry SET reason = 'x' WHERE id = %s",
        "DELETE FROM moderation_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [row.pk])
    assert AuditEntry.objects.get(pk=row.pk).reason == ""


def test_admin_offers_no_add_change_or_delete(admin):
    request = RequestFactory().get("/admin/")
    request.user = admin
    model_admin = AuditEntryAdmin(AuditEntry, django_admin.site)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_phrase_changes_are_audited_with_before_and_after(admin):
    phrase = phrase_save(phrase=WatchedPhrase(pattern="trial date", action="hold"), by=admin)
    phrase.action = "nudge"
    phrase_save(phrase=phrase, by=admin)
    phrase_delete(phrase=phrase, by=admin)
    rows = list(AuditEntry.objects.filter(target_type="watched_phrase").order_by("id"))
    assert [r.action for r in rows] == ["phrase_create", "phrase_change", "phrase_delete"]
    assert rows[1].before["action"] == "hold" and rows[1].after["action"] == "nudge"
    assert rows[2].before["pattern"] == "trial date"


def test_admin_phrase_save_goes_through_the_audited_service(admin):
    request = RequestFactory().post("/admin/")
    request.user = admin
    model_admin = WatchedPhraseAdmin(WatchedPhrase, django_admin.site)
    phrase = WatchedPhrase(pattern="press conference", action="nudge")
    model_admin.save_model(request, phrase, form=None, change=False)
    assert AuditEntry.objects.filter(action="phrase_create", actor=admin).exists()


def test_an_unreadable_regex_is_refused(admin):
    with pytest.raises(ValidationError):
        phrase_save(phrase=WatchedPhrase(pattern="(oops", kind="regex", action="hold"), by=admin)
