"""Staff review the baromètre here: compute a year (the add form asks only for the year), read the draft, then
freeze it with the action of the list. Every step goes through `services`, which checks the staff role. A
computation runs in the background: the list shows its progress (refreshed by htmx) and its outcome."""

import json

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html

from arobase.barometre import errors, selectors, services
from arobase.barometre.models import Edition


class ComputeForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["year"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["year", "status", "computed_at", "computed_by", "frozen_at", "frozen_by"]
    list_filter = ["status"]
    actions = ["recompute", "start_new_edition", "freeze"]
    readonly_fields = ["year", "status", "computed_at", "computed_by", "frozen_at", "frozen_by", "figures_pretty"]
    exclude = ["figures"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        status = path(
            "calculs/",
            self.admin_site.admin_view(self.computations_view),
            name="barometre_edition_computations",
        )
        return [status, *super().get_urls()]

    def computations_view(self, request):
        """The progress block alone, polled by the list page while a computation is pending or running."""
        return TemplateResponse(
            request, "admin/barometre/edition/_computations.html", {"computations": selectors.computations_to_show()}
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "computations": selectors.computations_to_show()}
        return super().changelist_view(request, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ComputeForm
            kwargs["fields"] = ["year"]
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_exclude(self, request, obj=None):
        return self.exclude if obj is not None else []

    @admin.display(description="Chiffres")
    def figures_pretty(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.figures, ensure_ascii=False, indent=1))

    def save_model(self, request, obj, form, change):
        # The add form only names the year: the draft is computed in the background; the list shows the progress.
        self._request(request, obj.year, new_edition=False)
        obj.pk = None

    def response_add(self, request, obj, post_url_continue=None):
        return self.response_post_save_add(request, obj)

    def _request(self, request, year: int, *, new_edition: bool) -> None:
        try:
            computation, queued = services.request_computation(year=year, actor=request.user, new_edition=new_edition)
        except errors.BarometreError as error:
            self.message_user(request, f"{year} : {error}", messages.ERROR)
            return
        if queued:
            self.message_user(
                request, f"{year} : calcul lancé en arrière-plan ; son avancement s'affiche ci-dessous.", messages.INFO
            )
        else:
            self.message_user(
                request,
                f"{year} : un calcul de cette année est déjà {computation.get_status_display()} "
                f"({computation.progress} %) ; il n'est pas relancé.",
                messages.WARNING,
            )

    def _years(self, queryset) -> list[int]:
        return sorted(set(queryset.values_list("year", flat=True)))

    @admin.action(description="Recalculer le brouillon des années choisies")
    def recompute(self, request, queryset):
        for year in self._years(queryset):
            self._request(request, year, new_edition=False)

    @admin.action(description="Commencer une nouvelle édition des années choisies (la version figée reste publiée)")
    def start_new_edition(self, request, queryset):
        for year in self._years(queryset):
            self._request(request, year, new_edition=True)

    @admin.action(description="Figer et publier le brouillon des années choisies")
    def freeze(self, request, queryset):
        for year in self._years(queryset):
            try:
                services.freeze_edition(year=year, actor=request.user)
            except errors.BarometreError as error:
                self.message_user(request, f"{year} : {error}", messages.ERROR)
            else:
                self.message_user(request, f"{year} : édition figée et publiée.", messages.SUCCESS)
