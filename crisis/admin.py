from django.contrib import admin

from crisis.models import CannedResponse, Escalation, EscalationEvent, RiskRule


@admin.register(RiskRule)
class RiskRuleAdmin(admin.ModelAdmin):
    list_display = ("category", "level", "pattern", "enabled", "updated_at")
    list_filter = ("category", "level", "enabled")
    search_fields = ("pattern", "note")


@admin.register(CannedResponse)
class CannedResponseAdmin(admin.ModelAdmin):
    list_display = ("title", "position")


class EscalationEventInline(admin.TabularInline):
    model = EscalationEvent
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "actor", "detail", "at")


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin):
    """Read-only: every change goes through crisis.services so it leaves an event."""

    list_display = ("pk", "state", "risk_level", "trigger", "created_at", "counselor")
    list_filter = ("state", "risk_level", "trigger")
    inlines = [EscalationEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
