"""The admin site signs nobody in by itself: its login hands over to the site's login (password, then TOTP)."""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from arobase.accounts.second_factor import passed_second_factor


class ArobaseAdminSite(admin.AdminSite):
    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            # Signed in but not allowed here: sending them to the login page again would loop.
            raise PermissionDenied(_("Cette page est réservée à l'équipe Villes Internet."))
        target = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index", current_app=self.name)
        return redirect_to_login(target, login_url=reverse("account_login"))

    def has_permission(self, request):
        return super().has_permission(request) and passed_second_factor(request, request.user)
