from django import forms
from django.utils.translation import gettext_lazy as _

from arobase.bilan.models import Section


class CommentaryForm(forms.Form):
    section = forms.ChoiceField(choices=Section.choices, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Commentaire"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown simple. Laisser vide pour supprimer le commentaire."),
    )
    is_published = forms.BooleanField(label=_("Publié (visible dans le bilan public)"), required=False)
