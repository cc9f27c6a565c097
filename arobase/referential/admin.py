"""Staff pages (/gestion/) to correct labels and questions of an edition of the referential.

Django admin cannot nest inlines: an edition lists its themes, a theme its enjeux, an enjeu its services.
Codes are stable identifiers: they are chosen on the page that creates an item and never changed afterwards.
Inlines only correct existing items (labels, questions, positions); items are added on their own pages.
Every save goes through the referential services (one write path): they mark the edition as changed, and the
cached public mosaïques, keyed on the editions' `updated_at`, follow.
"""

from django.contrib import admin, messages
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arobase.referential.models import Enjeu, ReferentialEdition, Service, ServiceMapping, Theme
from arobase.referential.services import (
    ReferentialError,
    add_enjeu,
    add_service,
    add_theme,
    copy_edition,
    delete_mapping,
    publish_edition,
    save_mapping,
    update_enjeu,
    update_service,
    update_theme,
)


def update_through_services(item: Theme | Enjeu | Service) -> None:
    """Write the corrections the admin form set on `item` (an existing theme, enjeu or service)."""
    if isinstance(item, Theme):
        update_theme(theme=Theme.objects.get(pk=item.pk), label=item.label, position=item.position)
    elif isinstance(item, Enjeu):
        update_enjeu(
            enjeu=Enjeu.objects.get(pk=item.pk),
            label=item.label,
            question=item.question,
            position=item.position,
            theme=item.theme,
        )
    else:
        update_service(
            service=Service.objects.get(pk=item.pk),
            label=item.label,
            description=item.description,
            position=item.position,
            enjeu=item.enjeu,
        )


def add_through_services(item: Theme | Enjeu | Service) -> None:
    """Create the new theme, enjeu or service the admin form describes, and give its key to `item`."""
    if isinstance(item, Theme):
        created = add_theme(edition=item.edition, code=item.code, label=item.label, position=item.position)
    elif isinstance(item, Enjeu):
        created = add_enjeu(
            theme=item.theme, code=item.code, label=item.label, question=item.question, position=item.position
        )
    else:
        created = add_service(
            enjeu=item.enjeu,
            code=item.code,
            label=item.label,
            description=item.description,
            position=item.position,
        )
    item.pk = created.pk
    item.edition_id = created.edition_id
    item._state.adding = False


class InlinesThroughServicesMixin:
    """The corrections made in the inlines go through the services (the inlines add and delete nothing)."""

    def save_formset(self, request, form, formset, change):
        # The admin's change message reads what a formset's save() records.
        formset.new_objects, formset.deleted_objects, formset.changed_objects = [], [], []
        for inline_form in formset.initial_forms:
            if inline_form.has_changed():
                update_through_services(inline_form.instance)
                formset.changed_objects.append((inline_form.instance, inline_form.changed_data))


class ThroughServicesMixin(InlinesThroughServicesMixin):
    """The item of the page, and its inlines, go through the services (the forms have already validated codes and
    editions with the models' `clean`)."""

    def save_model(self, request, obj, form, change):
        if change:
            update_through_services(obj)
        else:
            add_through_services(obj)


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
class ReferentialEditionAdmin(InlinesThroughServicesMixin, admin.ModelAdmin):
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
class ThemeAdmin(ThroughServicesMixin, CodeReadonlyOnChangeMixin, admin.ModelAdmin):
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
class EnjeuAdmin(ThroughServicesMixin, CodeReadonlyOnChangeMixin, admin.ModelAdmin):
    list_display = ["code", "label", "theme", "edition", "position"]
    list_filter = ["edition"]
    search_fields = ["code", "label", "question"]
    fields = ["theme", "code", "label", "question", "position"]
    list_select_related = ["theme", "edition"]
    autocomplete_fields = ["theme"]
    inlines = [ServiceInline]


@admin.register(Service)
class ServiceAdmin(ThroughServicesMixin, CodeReadonlyOnChangeMixin, admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        save_mapping(mapping=obj)

    def delete_model(self, request, obj):
        delete_mapping(mapping=obj)

    def delete_queryset(self, request, queryset):
        for mapping in queryset.select_related("to_service"):
            delete_mapping(mapping=mapping)

    @admin.display(description=_("édition d'origine"), ordering="from_service__edition__year")
    def from_edition(self, obj):
        return obj.from_service.edition.year

    @admin.display(description=_("édition cible"), ordering="to_service__edition__year")
    def to_edition(self, obj):
        return obj.to_service.edition.year
