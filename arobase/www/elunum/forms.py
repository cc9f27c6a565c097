from datetime import timedelta

from django import forms
from django.utils import timezone

from arobase.elunum.models import SourceKind
from arobase.territories.models import Territory, TerritoryKind

PERIODS = {"mois": 31, "an": 365, "5ans": 5 * 365}


class SearchForm(forms.Form):
    q = forms.CharField(label="Rechercher", max_length=500, required=False, strip=True)
    kind = forms.ChoiceField(label="Type de source", required=False, choices=[("", "Tous"), *SourceKind.choices])
    region = forms.ChoiceField(label="Région", required=False)
    type = forms.ChoiceField(
        label="Résultats", required=False, choices=[("", "Pages et actions"), ("page", "Pages"), ("action", "Actions")]
    )
    periode = forms.ChoiceField(
        label="Date",
        required=False,
        choices=[
            ("", "Toutes les dates"),
            ("mois", "Moins d'un mois"),
            ("an", "Moins d'un an"),
            ("5ans", "Moins de 5 ans"),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Territory.objects.filter(kind=TerritoryKind.REGION, is_obsolete=False).order_by("name")
        self.fields["region"].choices = [("", "Toutes"), *regions.values_list("code", "name")]
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})

    def clean_q(self):
        return self.cleaned_data["q"].replace("\x00", " ")

    def since(self):
        days = PERIODS.get(self.cleaned_data.get("periode") or "")
        return timezone.localdate() - timedelta(days=days) if days else None


class SuggestSourceForm(forms.Form):
    url = forms.URLField(label="Adresse du site (ou de la rubrique)", max_length=500, assume_scheme="https")
    name = forms.CharField(label="Nom de la source", max_length=200)
    kind = forms.ChoiceField(label="Type de source", choices=SourceKind.choices)


class ImportSourcesForm(forms.Form):
    file = forms.FileField(
        label="Fichier CSV des sources", help_text="UTF-8, colonnes url, name, kind, territory, status."
    )
    skip_errors = forms.BooleanField(label="Importer les lignes valides malgré les erreurs", required=False)
