from django import forms

from arobase.forum.models import ModerationAction, ThreadKind
from arobase.forum.selectors import elus

MARKDOWN_HELP = "Markdown accepté : **gras**, *italique*, listes, liens. Pour mentionner un élu, écrivez @Prénom Nom."


class ElusField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        # An empty choice (as some clients send for "none") means nobody.
        return super().clean([item for item in value or [] if item])

    def label_from_instance(self, user):
        return f"{user.first_name} {user.last_name}".strip() or user.email


def _mentions_field():
    return ElusField(
        queryset=elus(),
        required=False,
        label="Mentionner des élus",
        help_text="Les élus choisis sont prévenus. Maintenez Ctrl (ou Cmd) pour en choisir plusieurs.",
    )


class ThreadForm(forms.Form):
    title = forms.CharField(label="Titre", max_length=200)
    kind = forms.ChoiceField(label="Type", choices=ThreadKind.choices, initial=ThreadKind.DISCUSSION)
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 8}), help_text=MARKDOWN_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentions"] = _mentions_field()


class ReplyForm(forms.Form):
    body = forms.CharField(label="Votre réponse", widget=forms.Textarea(attrs={"rows": 6}), help_text=MARKDOWN_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentions"] = _mentions_field()


class CloseForm(forms.Form):
    conclusion = forms.CharField(
        label="Conclusion",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ce que la discussion a permis d'établir ; elle ne recevra plus de réponse.",
    )


class FlagForm(forms.Form):
    reason = forms.CharField(label="Motif du signalement", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ModerationForm(forms.Form):
    action = forms.ChoiceField(label="Décision", choices=ModerationAction.choices)
    reason = forms.CharField(label="Motif (visible des modérateurs)", max_length=2000)
