"""Staff review the baromètre here: compute a year (the add form asks only for the year), read the draft, then
freeze it with the action of the list. Every step goes through `services`, which checks the staff role."""

import json

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html

from arobase.barometre import errors, services
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
        # The add form only names the year: the service computes (or recomputes) its draft.
        try:
            edition = services.compute_edition(year=obj.year, actor=request.user)
        except errors.BarometreError as error:
            self.message_user(request, str(error), messages.ERROR)
            obj.pk = None
            return
        obj.pk = edition.pk

    def response_add(self, request, obj, post_url_continue=None):
        if obj.pk is None:
            return self.response_post_save_add(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def _run(self, request, queryset, operation, done: str) -> None:
        for year in sorted(set(queryset.values_list("year", flat=True))):
            try:
                operation(year=year, actor=request.user)
            except errors.BarometreError as error:
                self.message_user(request, f"{year} : {error}", messages.ERROR)
            else:
                self.message_user(request, f"{year} : {done}", messages.SUCCESS)

    @admin.action(description="Recalculer le brouillon des années choisies")
    def recompute(self, request, queryset):
        self._run(request, queryset, services.compute_edition, "brouillon recalculé.")

    @admin.action(description="Commencer une nouvelle édition des années choisies (la version figée reste publiée)")
    def start_new_edition(self, request, queryset):
        def start(*, year, actor):
            return services.compute_edition(year=year, actor=actor, new_edition=True)

        self._run(request, queryset, start, "nouvelle édition calculée (brouillon).")

    @admin.action(description="Figer et publier le brouillon des années choisies")
    def freeze(self, request, queryset):
        self._run(request, queryset, services.freeze_edition, "édition figée et publiée.")
