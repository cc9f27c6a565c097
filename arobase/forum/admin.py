from django.contrib import admin

from arobase.forum.models import ModerationEvent, Room


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    """Staff rename or reorder rooms; the rooms themselves come from `ensure_forum_rooms`."""

    list_display = ["name", "kind", "key", "position"]
    list_filter = ["kind"]
    list_editable = ["position"]


@admin.register(ModerationEvent)
class ModerationEventAdmin(admin.ModelAdmin):
    """The record of moderation decisions, read-only: it is kept as it was written."""

    list_display = ["post", "action", "moderator", "created_at", "reason"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
