from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from arobase.accounts.second_factor import has_totp, passed_second_factor
from arobase.accounts.security_log import log_event

# Always reachable: assets and leaving.
_ALWAYS_ALLOWED_PREFIXES = ("/static/", "/media/", "/compte/logout/")
# Also reachable by a staff member or juror without TOTP yet, to set it up.
_SETUP_PREFIXES = ("/compte/2fa/", "/compte/reauthenticate/")


class RequireTwoFactorMiddleware:
    """Staff, superusers and jurors must have TOTP and must have passed it in this session.

    Without TOTP yet, they can only set it up. With TOTP, a session signed in without the code (admin login,
    `login()` from any other path) is signed out and sent to the site's login, which asks for the code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.requires_two_factor and not request.path.startswith(_ALWAYS_ALLOWED_PREFIXES):
            if not has_totp(user):
                if not request.path.startswith(_SETUP_PREFIXES):
                    return redirect(reverse("mfa_activate_totp"))
            elif not passed_second_factor(request, user):
                log_event("second_factor_missing", request, user_id=user.pk)
                logout(request)
                messages.info(
                    request,
                    _(
                        "Pour des raisons de sécurité, connectez-vous avec votre mot de passe puis votre code à usage "
                        "unique."
                    ),
                )
                return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))
        return self.get_response(request)
