"""Admins edit watched phrases and group settings here. Every phrase change is audited;
the audit log itself can be read but never added to, changed or deleted from here."""

from django.contrib import admin

from moderation import services
from moderation.models import AuditEntry, GroupModeration, QueueEntry, WatchedPhrase


@admin.register(WatchedPhrase)
class WatchedPhraseAdmin(admin.ModelAdmin):
    list_display = ("pattern", "kind", "action", "group", "is_active")
    list_filter = ("action", "kind", "is_active", "group")
    search_fields = ("pattern", "explanation")

    def save_model(self, request, obj, form, change):
        services.phrase_save(phrase=obj, by=request.user)

    def delete_model(self, request, obj):
        services.phrase_delete(phrase=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for phrase in queryset:
            services.phrase_delete(phrase=phrase, by=request.user)


@admin.register(GroupModeration)
class GroupModerationAdmin(admin.ModelAdmin):
    list_display = ("group", "first_posts_held", "trusted_after_posts", "flags_to_hide")


@admin.register(QueueEntry)
class QueueEntryAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "group", "priority", "state", "created_at", "claimed_by")
    list_filter = ("state", "kind", "priority")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action", "actor", "group", "subject", "target_type", "target_id")
    list_filter = ("action", "group")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
