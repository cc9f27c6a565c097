from django import forms
from django.utils.translation import gettext_lazy as _


class ContactForm(forms.Form):
    subject = forms.CharField(label=_("Objet"), max_length=150)
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("5 000 caractères au plus. Nous vous répondrons à l'adresse de votre compte."),
    )

    def clean_subject(self) -> str:
        subject = self.cleaned_data["subject"]
        # A line break in an email subject would let a sender add headers of their own.
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError(_("L'objet doit tenir sur une seule ligne."))
        return subject
