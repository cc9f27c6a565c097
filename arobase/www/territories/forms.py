from django import forms
from django.utils.translation import gettext_lazy as _

from arobase.territories.models import TerritoryKind

SEARCHABLE_KINDS = [
    (TerritoryKind.COMMUNE, _("Communes")),
    (TerritoryKind.EPCI, _("Intercommunalités (EPCI)")),
    (TerritoryKind.DEPARTEMENT, _("Départements")),
    (TerritoryKind.REGION, _("Régions")),
]


class TerritorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Nom, code postal, code INSEE ou SIREN"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )
    kind = forms.ChoiceField(
        label=_("Type de collectivité"),
        required=False,
        choices=[("", _("Tous les types")), *SEARCHABLE_KINDS],
    )
