from django.contrib import admin

from communities.models import Group


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ("name", "is_listed", "join_policy", "created_at")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)
