"""Articles, events and registrations, view only: proposals are written and moderated through the site's
services (permission checks, moderation reasons)."""

from django.contrib import admin

from arobase.network.models import Article, Event, Registration


class ViewOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(ViewOnlyAdmin):
    list_display = ("title", "kind", "territory", "status", "published_at")
    list_filter = ("kind", "status")
    search_fields = ("title",)


@admin.register(Event)
class EventAdmin(ViewOnlyAdmin):
    list_display = ("title", "kind", "territory", "starts_at", "status")
    list_filter = ("kind", "status")
    search_fields = ("title",)


@admin.register(Registration)
class RegistrationAdmin(ViewOnlyAdmin):
    list_display = ("event", "user", "capacity", "created_at")
    list_filter = ("capacity",)
