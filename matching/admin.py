from django.contrib import admin

from matching.models import (
    Block,
    ExperienceProfile,
    Feedback,
    Match,
    MatchRequest,
    Report,
    Suggestion,
    SupporterProfile,
)


@admin.register(SupporterProfile)
class SupporterProfileAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "verified_at",
        "training_programme",
        "readiness_confirmed_at",
        "load",
        "capacity",
        "is_paused",
    )
    list_filter = ("is_paused", ("verified_at", admin.EmptyFieldListFilter))
    search_fields = ("user__display_name", "user__email")
    # An admin verifies training here or on /peers/manage/; experience stays private.
    fields = (
        "user",
        "training_programme",
        "training_completed_on",
        "verified_at",
        "verified_by",
        "readiness_confirmed_at",
        "capacity",
        "load",
        "is_paused",
        "bio",
        "availability",
    )
    readonly_fields = ("user", "load", "readiness_confirmed_at", "verified_by")


@admin.register(ExperienceProfile)
class ExperienceProfileAdmin(admin.ModelAdmin):
    """Listed only so an admin can delete one on request; its contents stay private."""

    list_display = ("user", "updated_at")
    fields = ("user", "updated_at")
    readonly_fields = ("user", "updated_at")
    search_fields = ("user__display_name",)

    def has_add_permission(self, request):
        return False


class SuggestionInline(admin.TabularInline):
    model = Suggestion
    extra = 0
    fields = ("supporter", "rank", "score", "state", "asked_at", "expires_at", "answered_at")
    readonly_fields = fields


@admin.register(MatchRequest)
class MatchRequestAdmin(admin.ModelAdmin):
    list_display = ("pk", "member", "status", "created_at")
    list_filter = ("status",)
    fields = ("member", "status", "created_at", "closed_at")
    readonly_fields = fields
    inlines = [SuggestionInline]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    """Who was matched and when; the messages themselves are not shown here."""

    list_display = ("pk", "member", "supporter", "status", "started_at", "ended_at")
    list_filter = ("status",)
    fields = ("member", "supporter", "status", "started_at", "ended_at", "ended_by")
    readonly_fields = fields


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("pk", "reporter", "reported", "created_at", "resolved_at")
    list_filter = (("resolved_at", admin.EmptyFieldListFilter),)


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("match", "author", "helpful", "created_at")


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ("member", "supporter", "created_at")
