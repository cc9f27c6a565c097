from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from arobase.label.models import (
    Campaign,
    Candidacy,
    CandidacySnapshot,
    ConflictOfInterest,
    DeliberationAttendance,
    EvaluationResponse,
    JurorProposal,
    JuryDecision,
    JuryMember,
    Membership,
    Mention,
    Result,
    SignDeclaration,
)


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["year", "opens_on", "candidacy_deadline", "ceremony_at", "published_at"]
    inlines = [MentionInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["territory", "year", "level", "status"]
    list_filter = ["year", "status", "level"]
    raw_id_fields = ["territory", "requested_by", "decided_by"]


@admin.register(Candidacy)
class CandidacyAdmin(admin.ModelAdmin):
    list_display = ["territory", "campaign", "status", "version"]
    list_filter = ["campaign", "status"]
    raw_id_fields = ["territory", "opened_by", "updated_by"]


@admin.register(CandidacySnapshot)
class CandidacySnapshotAdmin(admin.ModelAdmin):
    list_display = ["candidacy", "number", "validated_at"]
    readonly_fields = ["candidacy", "number", "validated_by", "validated_at", "data"]


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ["territory", "year", "arobases", "source", "published"]
    list_filter = ["year", "source", "published"]
    raw_id_fields = ["territory", "campaign"]


@admin.register(JuryMember)
class JuryMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "campaign", "added_at"]
    list_filter = ["campaign"]
    raw_id_fields = ["user", "added_by"]


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(admin.ModelAdmin):
    list_display = ["juror", "candidacy", "territory", "declared_at"]
    raw_id_fields = ["juror", "candidacy", "territory"]


@admin.register(JurorProposal)
class JurorProposalAdmin(SimpleHistoryAdmin):
    list_display = ["candidacy", "juror", "arobases", "alert", "updated_at"]
    list_filter = ["candidacy__campaign"]
    raw_id_fields = ["candidacy", "juror"]


@admin.register(JuryDecision)
class JuryDecisionAdmin(SimpleHistoryAdmin):
    """Read-only: decisions are recorded on the deliberation page, within the allowed range."""

    list_display = ["candidacy", "arobases", "alert", "recorded_by", "recorded_at"]
    list_filter = ["candidacy__campaign"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DeliberationAttendance)
class DeliberationAttendanceAdmin(admin.ModelAdmin):
    list_display = ["campaign", "juror", "present"]
    list_filter = ["campaign", "present"]
    raw_id_fields = ["juror", "recorded_by"]


@admin.register(SignDeclaration)
class SignDeclarationAdmin(admin.ModelAdmin):
    list_display = ["territory", "address", "installed_on", "free_use_confirmed", "declared_at"]
    raw_id_fields = ["territory", "result", "declared_by"]


@admin.register(EvaluationResponse)
class EvaluationResponseAdmin(admin.ModelAdmin):
    list_display = ["campaign", "territory", "user", "created_at"]
    list_filter = ["campaign"]
    raw_id_fields = ["user", "territory"]
