from django.contrib import admin

from arobase.label.models import Campaign, Candidacy, CandidacySnapshot, Membership, Mention, Result


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
