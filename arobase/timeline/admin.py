"""Staff edit the national milestones here (corrections of the seeded ones, new ones); collectivités' proposals
are moderated from /histoire/moderation/ (`services.moderate_milestone`)."""

from django.contrib import admin

from arobase.timeline.models import Milestone


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ("date", "track", "title", "territory", "status")
    list_filter = ("track", "status")
    search_fields = ("title", "body", "source_text")
    raw_id_fields = ("territory", "proposed_by", "moderated_by")
    readonly_fields = ("proposed_by", "moderated_by", "moderated_at")
