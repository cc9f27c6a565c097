"""Forms of the jury, the road signs and the evaluation (validation of the input only; rules are in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from arobase.core.french import de
from arobase.label.evaluation import rules as evaluation_rules

AROBASE_CHOICES = [(n, "@" * n + f" ({n})") for n in range(1, 6)]


class ProposalForm(forms.Form):
    arobases = forms.TypedChoiceField(label=_("Nombre d'@"), choices=AROBASE_CHOICES, coerce=int)
    mentions = forms.MultipleChoiceField(
        label=_("Mentions thématiques"), required=False, widget=forms.CheckboxSelectMultiple
    )
    alert = forms.BooleanField(label=_("Alerte (stagnation relevée)"), required=False)
    comment = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )

    def __init__(self, *args, mentions=(), allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentions"].choices = [(mention.code, mention.label) for mention in mentions]
        if allowed is not None:
            self.fields["arobases"].help_text = _("Plage autorisée : %(range)s") % {"range": allowed.summary_fr()}


class DecisionForm(ProposalForm):
    comment = None


class ConflictForm(forms.Form):
    target = forms.ChoiceField(label=_("Dossier ou collectivité concerné"))
    reason = forms.CharField(label=_("Motif"), max_length=500)

    def __init__(self, *args, candidacies=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        for candidacy in candidacies:
            territory = candidacy.territory
            choices.append((f"c{candidacy.pk}", _("Ce dossier : %(name)s") % {"name": territory.name}))
            choices.append((f"t{territory.pk}", _("Toute candidature %(of_name)s") % {"of_name": de(territory.name)}))
        self.fields["target"].choices = choices


class JurorAddForm(forms.Form):
    email = forms.EmailField(label=_("Adresse électronique du juré"))


class SignDeclarationForm(forms.Form):
    address = forms.CharField(label=_("Adresse ou emplacement du panneau"), max_length=300)
    installed_on = forms.DateField(label=_("Date d'installation"), widget=forms.DateInput(attrs={"type": "date"}))
    maker = forms.CharField(label=_("Fabricant"), max_length=200, required=False)
    photo = forms.FileField(label=_("Photo du panneau installé"), required=False)
    photo_alt = forms.CharField(label=_("Description de la photo (texte alternatif)"), max_length=300, required=False)
    photo_credit = forms.CharField(label=_("Crédit photo"), max_length=200, required=False)
    free_use_confirmed = forms.BooleanField(
        label=_("Je confirme que l'association Villes Internet peut utiliser librement cette photo, avec son crédit."),
        required=False,
    )


class EvaluationForm(forms.Form):
    suggestions = forms.CharField(
        label=_("Vos suggestions pour améliorer le label"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, question in evaluation_rules.QUESTIONS:
            self.fields[f"q_{key}"] = forms.TypedChoiceField(
                label=question,
                choices=[(n, str(n)) for n in evaluation_rules.SCALE],
                coerce=int,
                widget=forms.RadioSelect,
            )
        self.order_fields([f"q_{key}" for key, _q in evaluation_rules.QUESTIONS] + ["suggestions"])

    def ratings(self) -> dict[str, int]:
        return {key: self.cleaned_data[f"q_{key}"] for key, _q in evaluation_rules.QUESTIONS}
