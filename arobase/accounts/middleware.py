from django.shortcuts import redirect
from django.urls import reverse

# Pages a staff member or juror without two-factor authentication may still reach, to set it up or leave.
_ALLOWED_PREFIXES = ("/compte/2fa/", "/compte/logout/", "/compte/reauthenticate/", "/static/", "/media/")


class RequireTwoFactorMiddleware:
    """Staff and jurors must activate TOTP before using the site: until then they can only set it up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.requires_two_factor
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and not _has_totp(user)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
