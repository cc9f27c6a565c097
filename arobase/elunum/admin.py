from django.contrib import admin, messages

from arobase.elunum import services
from arobase.elunum.errors import ElunumError
from arobase.elunum.models import CrawlLog, Source, SourceStatusChange


class StatusChangeInline(admin.TabularInline):
    model = SourceStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("status", "changed_by", "changed_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "url_prefix", "kind", "status", "status_changed_at", "next_crawl_at", "is_demo")
    list_filter = ("status", "kind", "is_demo")
    search_fields = ("name", "url_prefix")
    readonly_fields = ("host", "status", "status_changed_at", "status_changed_by", "suggested_by", "failures")
    raw_id_fields = ("territory",)
    inlines = [StatusChangeInline]
    actions = ["approve", "suspend"]

    def _change(self, request, queryset, change):
        for source in queryset:
            try:
                change(user=request.user, source=source)
            except ElunumError as error:
                self.message_user(request, error.message, messages.ERROR)
                return

    @admin.action(description="Approuver les sources choisies")
    def approve(self, request, queryset):
        self._change(request, queryset, services.approve_source)

    @admin.action(description="Suspendre les sources choisies")
    def suspend(self, request, queryset):
        self._change(request, queryset, services.suspend_source)


@admin.register(CrawlLog)
class CrawlLogAdmin(admin.ModelAdmin):
    list_display = ("source", "started_at", "fetched", "indexed", "not_modified", "removed")
    list_select_related = ("source",)
    readonly_fields = [field.name for field in CrawlLog._meta.fields]
