"""The filter form of the map, the list and the search page (GET: a view is shareable by its URL)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arobase.actions.models import ActionStatus
from arobase.atlaas.public_selectors import ActionFilters, BBox
from arobase.atlaas.selectors import AtlaasFilters
from arobase.core.widgets import PlainSelect
from arobase.www.actions.api import _NUMBER


class AtlaasFilterForm(forms.Form):
    q = forms.CharField(label=_("Mots-clés"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Thème"), required=False, widget=PlainSelect)
    enjeu = forms.ChoiceField(label=_("Enjeu"), required=False, widget=PlainSelect)
    service = forms.ChoiceField(label=_("Service"), required=False, widget=PlainSelect)
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("", _("Tous les statuts")), *ActionStatus.choices],
        widget=PlainSelect,
    )
    territory = forms.CharField(
        label=_("Collectivité (code)"),
        required=False,
        max_length=12,
        help_text=_("Code INSEE d'une commune, d'un département ou d'une région, ou SIREN d'une intercommunalité."),
    )
    region = forms.ChoiceField(label=_("Région"), required=False, widget=PlainSelect)
    year = forms.TypedChoiceField(
        label=_("Année de la dernière mise à jour"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=PlainSelect,
    )
    arobases = forms.TypedChoiceField(
        label=_("@ de la collectivité"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Tous")), *((str(n), "@" * n) for n in range(1, 6))],
        widget=PlainSelect,
    )
    bbox = forms.CharField(required=False, widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tous"))]
        for name, key in (("theme", "themes"), ("enjeu", "enjeux"), ("service", "services")):
            self.fields[name].choices = everything + [
                (c["code"], f"{c['code']} · {c['label'][:80]}") for c in choices[key]
            ]
        self.fields["region"].choices = [("", _("Toutes"))] + [(c["code"], c["label"]) for c in choices["regions"]]
        this_year = timezone.localdate().year
        self.fields["year"].choices = [("", _("Toutes"))] + [(str(y), str(y)) for y in range(this_year, 2009, -1)]

    def clean_bbox(self) -> BBox | None:
        value = self.cleaned_data.get("bbox") or ""
        parts = [part.strip() for part in value.split(",")]
        if len(parts) != 4 or not all(_NUMBER.match(part) for part in parts):
            return None
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in parts)
        if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
            return None
        return BBox(min_lon=min_lon, min_lat=min_lat, max_lon=max_lon, max_lat=max_lat)

    def filters(self) -> AtlaasFilters:
        """The filters of the valid fields (an invalid one is ignored and shown as an error)."""
        if not self.is_bound:
            return AtlaasFilters()
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        return AtlaasFilters(
            api=ActionFilters(
                territory=(data.get("territory") or "").strip() or None,
                region=data.get("region") or None,
                service=data.get("service") or None,
                enjeu=data.get("enjeu") or None,
                theme=data.get("theme") or None,
                status=data.get("status") or None,
                q=(data.get("q") or "").strip() or None,
                bbox=data.get("bbox"),
            ),
            year=data.get("year"),
            arobases=data.get("arobases"),
        )
