from django import forms
from django.utils.translation import gettext_lazy as _

from arobase.territories.models import Territory
from arobase.timeline.models import Precision, Track


class TimelineFilterForm(forms.Form):
    track = forms.ChoiceField(label=_("Piste"), required=False, choices=[("", _("Toutes"))] + Track.choices)
    territory = forms.CharField(
        label=_("Collectivité (code INSEE ou SIREN)"), required=False, max_length=12, help_text=_("Par exemple 80021.")
    )


class PinForm(forms.Form):
    territory = forms.ModelChoiceField(label=_("Collectivité"), queryset=Territory.objects.none(), empty_label=None)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    precision = forms.ChoiceField(
        label=_("Précision de la date"),
        choices=Precision.choices,
        initial=Precision.YEAR,
        help_text=_("Seule l'année (ou le mois) sera affichée si vous ne connaissez pas le jour exact."),
    )
    title = forms.CharField(label=_("Titre"), max_length=200)
    body = forms.CharField(label=_("Texte"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    source_text = forms.CharField(label=_("Source"), max_length=300, help_text=_("Délibération, article de presse…"))
    source_url = forms.URLField(label=_("Adresse de la source"), required=False, assume_scheme="https")
    image = forms.ImageField(label=_("Image"), required=False)
    image_credit = forms.CharField(label=_("Crédit de l'image"), required=False, max_length=200)
    image_alt = forms.CharField(
        label=_("Texte alternatif de l'image"),
        required=False,
        max_length=300,
        help_text=_("Ce que montre l'image, pour les personnes qui ne la voient pas."),
    )

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"), choices=[("publish", _("Publier")), ("refuse", _("Refuser"))], widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Motif du refus"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
