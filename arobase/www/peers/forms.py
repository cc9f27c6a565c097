from django import forms
from django.utils.translation import gettext_lazy as _

from arobase.peers.selectors import ALL
from arobase.territories.models import LabelCategory


class CriteriaForm(forms.Form):
    """The criteria a visitor may change (GET). An empty field keeps the collectivité's own criterion."""

    annee = forms.TypedChoiceField(label=_("Label"), coerce=int, required=False, empty_value=None)
    population_min = forms.IntegerField(
        label=_("Population minimale"), required=False, min_value=0, max_value=100_000_000
    )
    population_max = forms.IntegerField(
        label=_("Population maximale"), required=False, min_value=0, max_value=100_000_000
    )
    region = forms.ChoiceField(label=_("Région"), required=False)
    categorie = forms.ChoiceField(
        label=_("Catégorie"),
        required=False,
        choices=[("", _("La sienne")), *LabelCategory.choices, (ALL, _("Toutes les catégories"))],
    )

    def __init__(self, *args, years: tuple[int, ...], regions: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(year, str(year)) for year in years]
        self.fields["region"].choices = [("", _("La sienne")), *regions, (ALL, _("Toutes les régions"))]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("population_min"), cleaned.get("population_max")
        if low is not None and high is not None and low > high:
            self.add_error("population_max", _("La population maximale doit être au moins égale à la minimale."))
        return cleaned
