"""Staff pages (/gestion/) to correct labels and questions of an edition of the referential.

Django admin cannot nest inlines: an edition lists its themes, a theme its enjeux, an enjeu its services.
Codes are stable identifiers: they are chosen on the page that creates an item and never changed afterwards.
Inlines only correct existing items (labels, questions, positions); items are added on their own pages.
"""

from django.contrib import admin, messages
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arobase.referential.models import Enjeu, ReferentialEdition, Service, ServiceMapping, Theme
from arobase.referential.services import ReferentialError, copy_edition, publish_edition


class CodeReadonlyOnChangeMixin:
    """The code of an existing item is read-only."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly.append("code")
        return readonly


class CorrectionInline:
    """Existing children, to correct in place: no adding, no deleting, codes read-only."""

    extra = 0
    can_delete = False
    show_change_link = True
    readonly_fields = ["code"]

    def has_add_permission(self, request, obj=None):
        return False


class ThemeInline(CorrectionInline, admin.TabularInline):
    model = Theme
    fields = ["code", "label", "position"]


class EnjeuInline(CorrectionInline, admin.StackedInline):
    model = Enjeu
    fields = [("code", "position"), "label", "question"]


class ServiceInline(CorrectionInline, admin.TabularInline):
    model = Service
    fields = ["code", "label", "position"]


@admin.register(ReferentialEdition)
class ReferentialEditionAdmin(admin.ModelAdmin):
    list_display = ["year", "label", "status", "copied_from", "created_at"]
    list_filter = ["status"]
    fields = ["year", "label", "status", "copied_from", "source", "notes", "created_at", "updated_at"]
    readonly_fields = ["copied_from", "created_at", "updated_at"]
    inlines = [ThemeInline]
    actions = ["copy_for_next_year", "publish"]

    @admin.action(description=_("Copier pour une nouvelle année (brouillon)"))
    def copy_for_next_year(self, request, queryset):
        """Each selected edition is copied to the year after the most recent edition."""
        for source in queryset.order_by("year"):
            year = ReferentialEdition.objects.aggregate(last=Max("year"))["last"] + 1
            try:
                edition = copy_edition(source=source, year=year)
            except ReferentialError as error:
                self.message_user(request, str(error), messages.ERROR)
                continue
            self.message_user(
                request,
                _("Édition %(year)s créée à partir de l'édition %(source)s.") % {"year": year, "source": source.year},
                messages.SUCCESS,
            )
            self.log_addition(request, edition, [{"added": {}}])

    @admin.action(description=_("Publier"))
    def publish(self, request, queryset):
        editions = list(queryset)
        for edition in editions:
            publish_edition(edition=edition)
        self.message_user(
            request,
            ngettext("%(count)d édition publiée.", "%(count)d éditions publiées.", len(editions))
            % {"count": len(editions)},
            messages.SUCCESS,
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly.append("year")
        return readonly


@admin.register(Theme)
class ThemeAdmin(CodeReadonlyOnChangeMixin, admin.ModelAdmin):
    list_display = ["code", "label", "edition", "position"]
    list_filter = ["edition"]
    search_fields = ["code", "label"]
    fields = ["edition", "code", "label", "position"]
    list_select_related = ["edition"]
    inlines = [EnjeuInline]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly.append("edition")
        return readonly


@admin.register(Enjeu)
class EnjeuAdmin(CodeReadonlyOnChangeMixin, admin.ModelAdmin):
    list_display = ["code", "label", "theme", "edition", "position"]
    list_filter = ["edition"]
    search_fields = ["code", "label", "question"]
    fields = ["theme", "code", "label", "question", "position"]
    list_select_related = ["theme", "edition"]
    autocomplete_fields = ["theme"]
    inlines = [ServiceInline]


@admin.register(Service)
class ServiceAdmin(CodeReadonlyOnChangeMixin, admin.ModelAdmin):
    list_display = ["code", "label", "enjeu", "edition", "position"]
    list_filter = ["edition"]
    search_fields = ["code", "label", "description"]
    fields = ["enjeu", "code", "label", "description", "position"]
    list_select_related = ["enjeu", "edition"]
    autocomplete_fields = ["enjeu"]


@admin.register(ServiceMapping)
class ServiceMappingAdmin(admin.ModelAdmin):
    list_display = ["from_service", "from_edition", "to_service", "to_edition"]
    list_filter = ["from_service__edition", "to_service__edition"]
    search_fields = ["from_service__code", "from_service__label", "to_service__code", "to_service__label"]
    autocomplete_fields = ["from_service", "to_service"]
    list_select_related = ["from_service__edition", "to_service__edition"]

    @admin.display(description=_("édition d'origine"), ordering="from_service__edition__year")
    def from_edition(self, obj):
        return obj.from_service.edition.year

    @admin.display(description=_("édition cible"), ordering="to_service__edition__year")
    def to_edition(self, obj):
        return obj.to_service.edition.year
