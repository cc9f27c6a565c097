from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.models import Authenticator
from django import forms
from django.utils.translation import gettext_lazy as _

from arobase.accounts.models import Affiliation, Capacity, User
from arobase.accounts.one_time_codes import claim_totp_code
from arobase.accounts.password_validation import GuessablePasswordValidator
from arobase.accounts.security_log import log_event
from arobase.accounts.services import MESSAGE_MAX_LENGTH, label_category_to_declare
from arobase.territories.models import LabelCategory, TerritoryKind
from arobase.territories.rules import allowed_label_categories


class SignupForm(AllauthSignupForm):
    first_name = forms.CharField(
        label=_("Prénom"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Nom"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def clean(self):
        """allauth checks the password against the email alone; the names are known here too."""
        cleaned_data = super().clean()
        password = cleaned_data.get("password1")
        if password and "password1" not in self.errors:
            person = User(
                email=cleaned_data.get("email") or "",
                first_name=cleaned_data.get("first_name") or "",
                last_name=cleaned_data.get("last_name") or "",
            )
            try:
                GuessablePasswordValidator().validate(password, user=person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data

    def save(self, request):
        user = super().save(request)
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        return user


class JoinSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Nom, code postal ou code INSEE de la collectivité"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class AffiliationRequestForm(forms.Form):
    capacity = forms.ChoiceField(
        label=_("À quel titre rejoignez-vous la collectivité ?"), choices=Capacity.choices, widget=forms.RadioSelect
    )
    label_category = forms.ChoiceField(
        label=_("Comment la collectivité participe-t-elle au label ?"),
        help_text=_(
            "La catégorie est déclarée une fois pour toutes : celle de la première demande acceptée est retenue."
        ),
        choices=(),
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message (facultatif)"),
        help_text=_("Présentez-vous en quelques mots à la personne qui examinera votre demande."),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        to_declare = label_category_to_declare(territory)
        if to_declare:
            self.fields["label_category"].choices = [(value, LabelCategory(value).label) for value in to_declare]
        else:
            del self.fields["label_category"]


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Motif (facultatif)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ForeignTerritoryForm(forms.Form):
    name = forms.CharField(label=_("Nom de la collectivité"), max_length=200)
    country = forms.RegexField(
        label=_("Pays (code ISO à deux lettres)"),
        help_text=_("Par exemple BE pour la Belgique, CH pour la Suisse, CA pour le Canada."),
        regex=r"^[A-Za-z]{2}$",
        max_length=2,
        min_length=2,
        error_messages={"invalid": _("Saisissez le code à deux lettres du pays, par exemple BE.")},
    )
    population = forms.IntegerField(label=_("Population (facultatif)"), required=False, min_value=0)
    label_category = forms.ChoiceField(
        label=_("Catégorie au label"),
        choices=[(value, LabelCategory(value).label) for value in allowed_label_categories(TerritoryKind.FOREIGN)],
        widget=forms.RadioSelect,
    )


class JurorAddForm(forms.Form):
    email = forms.EmailField(label=_("Adresse électronique de la personne"))


class ReassignReferentForm(forms.Form):
    affiliation = forms.ModelChoiceField(
        label=_("Nouveau référent"), queryset=Affiliation.objects.none(), widget=forms.RadioSelect, empty_label=None
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["affiliation"].queryset = members
        self.fields["affiliation"].label_from_instance = lambda affiliation: (
            f"{affiliation.user} — {affiliation.get_capacity_display()}"
        )


class SingleUseCodeMixin:
    """allauth's code check, plus: each TOTP code serves once, and throttled attempts reach the security log."""

    def clean_code(self) -> str:
        try:
            code = super().clean_code()
        except forms.ValidationError as error:
            if error.code == "too_many_login_attempts":
                log_event("second_factor_throttled", context.request, user_id=self.user.pk)
            raise
        if self.authenticator.type == Authenticator.Type.TOTP and not claim_totp_code(
            authenticator=self.authenticator, code=code
        ):
            self._emit_authentication_failed(self.authenticator)
            raise forms.ValidationError(
                _("Ce code a déjà servi. Saisissez le code suivant affiché par votre application."),
                code="code_already_used",
            )
        return code


class TotpAuthenticateForm(SingleUseCodeMixin, mfa_forms.AuthenticateForm):
    pass


class TotpReauthenticateForm(SingleUseCodeMixin, mfa_forms.ReauthenticateForm):
    pass
