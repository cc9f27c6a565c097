"""The declaration of a road sign put up."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


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
