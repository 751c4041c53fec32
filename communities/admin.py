from django.contrib import admin

from communities.models import Group, Meeting, Membership, NoteOfHope, Resource, Thread


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ("name", "is_listed", "join_policy", "created_at")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)
    filter_horizontal = ("supporters",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("group", "user", "state", "requested_at", "decided_at")
    list_filter = ("state", "group")
    raw_id_fields = ("user", "decided_by")


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ("title", "group", "topic", "last_activity_at", "reply_count")
    list_filter = ("group", "topic")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "group", "starts_at", "capacity", "reminder_sent_at")
    raw_id_fields = ("facilitator", "created_by")


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    """Admins keep the resource directory here: hotlines, local services, articles."""

    list_display = ("name", "category", "region", "phone", "languages")
    list_filter = ("category",)
    search_fields = ("name", "description", "region")


@admin.register(NoteOfHope)
class NoteOfHopeAdmin(admin.ModelAdmin):
    list_display = ("pk", "created_at", "approved_at")
    raw_id_fields = ("author", "approved_by")
