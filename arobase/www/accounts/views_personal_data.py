"""Pages of a person's own data: the JSON export and the deletion of the account (GDPR)."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from arobase.accounts.errors import RuleViolation
from arobase.label import personal_data


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Votre mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": gettext_lazy("Saisissez votre mot de passe pour confirmer.")},
    )
    otp_code = forms.CharField(
        label=gettext_lazy("Code de votre application d'authentification"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, with_otp: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_otp:
            del self.fields["otp_code"]
        else:
            self.fields["otp_code"].required = True
            self.fields["otp_code"].error_messages["required"] = _(
                "Saisissez le code à six chiffres de votre application d'authentification."
            )


@require_GET
@login_required
def my_data(request):
    return render(request, "accounts/personal_data/my_data.html")


@require_GET
@login_required
def my_data_download(request):
    data = personal_data.export_personal_data(actor=request.user, user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"mes-donnees-villes-internet-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request):
    user = request.user
    with_otp = personal_data.has_totp(user)
    form = DeleteAccountForm(request.POST or None, with_otp=with_otp)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                personal_data.delete_account(
                    actor=user,
                    user=user,
                    password=form.cleaned_data["password"],
                    otp_code=form.cleaned_data.get("otp_code", ""),
                    request=request,
                )
            except RuleViolation as error:
                form.add_error(None, error.message)
            else:
                logout(request)
                messages.success(
                    request,
                    _(
                        "Votre compte a été supprimé. Vos actions restent publiées au nom de "
                        "leur collectivité, sans votre nom."
                    ),
                )
                return redirect("core:home")
        status = 400
    context = {
        "form": form,
        "obstacles": personal_data.deletion_obstacles(user),
        "my_data_url": reverse("accounts:my_data"),
    }
    return render(request, "accounts/personal_data/delete_account.html", context, status=status)
