"""Staff pages for actions, view only. The history is read-only (SIMPLE_HISTORY_REVERT_DISABLED): nobody edits
or reverts it. Moderation (unpublishing with a reason) is done from the action page (`services.unpublish_action`)."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from arobase.actions.models import Action, ActionImage, ActionLink, Actor, Place


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """The history pages of the admin, without any way to revert to a version."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        extra_context = {**(extra_context or {}), "revert_disabled": True}
        if request.method == "POST":
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ViewOnlyMixin:
    """Staff edit actions from the site (the services check the rules and record the history); the admin shows."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ChildInline(ViewOnlyMixin, admin.TabularInline):
    extra = 0


class LinkInline(ChildInline):
    model = ActionLink
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ActorInline(ChildInline):
    model = Actor


class PlaceInline(ChildInline):
    model = Place


class ImageInline(ChildInline):
    model = ActionImage


@admin.register(Action)
class ActionAdmin(ViewOnlyMixin, ReadOnlyHistoryAdmin):
    list_display = ["title", "owner", "status", "is_published", "last_activity_at", "edition"]
    list_filter = ["is_published", "status", "edition"]
    search_fields = ["title", "owner__name", "owner__code"]
    raw_id_fields = ["owner", "created_by", "unpublished_by"]
    autocomplete_fields: list[str] = []
    filter_horizontal = ["services"]
    readonly_fields = ["published_at", "last_activity_at", "unpublished_at", "unpublished_by", "created_by"]
    inlines = [LinkInline, ActorInline, PlaceInline, ImageInline]
    list_select_related = ["owner", "edition"]
