"""Forms of the label pages; they only clean input, services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from arobase.label.candidacies import questionnaire
from arobase.label.models import MembershipLevel
from arobase.referential.models import ReferentialEdition


class CampaignForm(forms.Form):
    year = forms.IntegerField(label=_("Année du label"), min_value=1999, max_value=2100)
    # Date inputs only take ISO values: without ``format`` the French "02/11/2026" would show an empty field.
    opens_on = forms.DateField(
        label=_("Ouverture des candidatures"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    candidacy_deadline = forms.DateTimeField(
        label=_("Date limite de candidature"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )
    jury_meeting_on = forms.DateField(
        label=_("Réunion du jury"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    ceremony_at = forms.DateTimeField(
        label=_("Cérémonie (date et heure)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text=_("Les résultats restent secrets jusqu'à cette heure, même une fois le palmarès publié."),
    )
    edition = forms.ModelChoiceField(
        label=_("Édition du référentiel"), queryset=ReferentialEdition.objects.order_by("-year")
    )
    mentions = forms.CharField(
        label=_("Mentions thématiques"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Une mention par ligne, par exemple « Écoles Internet »."),
    )

    def __init__(self, *args, year_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if year_locked:
            self.fields["year"].disabled = True

    def mention_labels(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("mentions", "").splitlines() if line.strip()]


# What each formula brings, as the label's regulation and FAQ say it (seeds 001): nothing more.
MEMBERSHIP_LEVEL_CHOICES = [
    (
        MembershipLevel.SIMPLE,
        _(
            "Simple : adhésion à l'association Villes Internet, qui ouvre l'accès au label et à la plateforme "
            "(dont la mosaïque, pré-diagnostic automatique et permanent de vos actions), aux échanges "
            "d'expériences et à l'accompagnement du réseau, avec une voix à l'assemblée générale."
        ),
    ),
    (
        MembershipLevel.PRAEMIUM,
        _(
            "Praemium : tout ce qu'offre l'adhésion simple, avec en plus un diagnostic complet et un "
            "accompagnement dédié pour faire connaître vos actions et annoncer votre labellisation."
        ),
    ),
]


class MembershipRequestForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Année du label"), coerce=int)
    level = forms.ChoiceField(
        label=_("Formule"),
        choices=MEMBERSHIP_LEVEL_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("Le détail des droits des membres simples ou praemium est sur www.villes-internet.net."),
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class CandidacyForm(forms.Form):
    """The version read (optimistic locking) and, for a Territoire, the 14 yes/no items."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, with_questionnaire: bool = False, disabled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.with_questionnaire = with_questionnaire
        if with_questionnaire:
            for item in questionnaire.ITEMS:
                self.fields[f"q_{item.code}"] = forms.BooleanField(label=item.label, required=False, disabled=disabled)

    def answers(self) -> dict[str, bool] | None:
        if not self.with_questionnaire:
            return None
        return {item.code: bool(self.cleaned_data.get(f"q_{item.code}")) for item in questionnaire.ITEMS}

    @staticmethod
    def initial_for(candidacy) -> dict:
        initial = {"version": candidacy.version}
        for code, value in (candidacy.questionnaire or {}).items():
            initial[f"q_{code}"] = value
        return initial
