from django import forms

from arobase.notifications.rules import KINDS, Delivery, configurable_kinds


class PreferencesForm(forms.Form):
    """One choice per kind of notification: at once, in the daily digest, or no email."""

    def __init__(self, *args, deliveries: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for code in configurable_kinds():
            self.fields[code] = forms.ChoiceField(
                label=KINDS[code].label,
                choices=Delivery.CHOICES,
                widget=forms.RadioSelect,
                initial=deliveries[code],
            )
