"""Forms of the jury, the road signs and the evaluation (validation of the input only; rules are in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from arobase.core.french import de

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
