from django import forms
from django.utils.translation import gettext_lazy as _

from arobase.network.models import ArticleKind, EventKind, RegistrationCapacity, TimeZone
from arobase.referential.models import Theme
from arobase.referential.selectors import list_editions
from arobase.territories.models import Territory, TerritoryKind


def current_themes():
    edition = list_editions(published_only=True).first() or list_editions().first()
    return Theme.objects.filter(edition=edition).order_by("position", "code")


class ListFilterForm(forms.Form):
    """Filters of the lists; every field may be sent empty (it then filters nothing)."""

    theme = forms.ChoiceField(label=_("Thème"), required=False)
    region = forms.ChoiceField(label=_("Région"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("Tous"))] + [(t.code, t.label) for t in current_themes()]
        regions = Territory.objects.filter(kind=TerritoryKind.REGION, is_obsolete=False).order_by("name")
        self.fields["region"].choices = [("", _("Toutes"))] + [(r.code, r.name) for r in regions]
        self.fields["kind"].choices = [("", _("Tous"))] + list(kinds)


class ProposalForm(forms.Form):
    territory = forms.ModelChoiceField(label=_("Collectivité"), queryset=Territory.objects.none(), empty_label=None)
    themes = forms.ModelMultipleChoiceField(
        label=_("Thèmes du référentiel"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories
        self.fields["themes"].queryset = current_themes()


class ArticleForm(ProposalForm):
    kind = forms.ChoiceField(label=_("Genre"), choices=ArticleKind.choices)
    title = forms.CharField(label=_("Titre"), max_length=200)
    summary = forms.CharField(label=_("Chapeau"), max_length=400, required=False)
    body = forms.CharField(
        label=_("Texte"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Mise en forme Markdown : **gras**, *italique*, listes, [liens](https://…)."),
    )


class EventForm(ProposalForm):
    kind = forms.ChoiceField(label=_("Type d'événement"), choices=EventKind.choices)
    title = forms.CharField(label=_("Titre"), max_length=200)
    description = forms.CharField(label=_("Programme"), widget=forms.Textarea(attrs={"rows": 8}))
    starts_at = forms.DateTimeField(
        label=_("Début"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Heure locale du lieu de l'événement."),
    )
    ends_at = forms.DateTimeField(label=_("Fin"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    time_zone = forms.ChoiceField(label=_("Fuseau horaire"), choices=TimeZone.choices, initial=TimeZone.PARIS)
    place_name = forms.CharField(label=_("Lieu"), max_length=200, required=False)
    address = forms.CharField(label=_("Adresse"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Lien de la réunion en ligne"), required=False, assume_scheme="https")
    registration_enabled = forms.BooleanField(label=_("Ouvrir les inscriptions"), required=False, initial=True)
    max_participants = forms.IntegerField(label=_("Nombre maximum de participants"), required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Times are typed as wall-clock times of the event's zone, not of the server's.
        for name in ("starts_at", "ends_at"):
            self.fields[name].widget.format = "%Y-%m-%dT%H:%M"

    def clean(self):
        data = super().clean()
        for name in ("starts_at", "ends_at"):
            if data.get(name) is not None:
                data[name] = data[name].replace(tzinfo=None)
        return data


class RegistrationForm(forms.Form):
    capacity = forms.ChoiceField(label=_("Vous venez en tant que"), choices=RegistrationCapacity.choices)


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(choices=[("publish", _("Publier")), ("refuse", _("Refuser"))])
    reason = forms.CharField(required=False)
