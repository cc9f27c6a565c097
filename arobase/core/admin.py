from django.contrib import admin

from arobase.core.models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    """Staff correct the text of a page; the set of pages is fixed by their addresses (no adding, no deleting)."""

    list_display = ["title", "key", "updated_at"]
    readonly_fields = ["key", "updated_at"]
    fields = ["key", "title", "summary", "body", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
