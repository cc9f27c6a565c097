from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arobase.accounts import services
from arobase.accounts.errors import RuleViolation
from arobase.accounts.models import Affiliation, User
from arobase.accounts.security_log import log_event


class UserAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = [
            "email",
            "password",
            "first_name",
            "last_name",
            "is_active",
            "is_staff",
            "is_superuser",
            "is_juror",
            "groups",
            "last_login",
            "date_joined",
        ]

    def clean_is_juror(self):
        is_juror = self.cleaned_data.get("is_juror")
        if is_juror and self.instance.pk and not self.instance.is_juror:
            # Same rule as the staff page (services.set_juror).
            try:
                services.check_can_become_juror(self.instance)
            except RuleViolation as error:
                raise forms.ValidationError(error.message) from error
        return is_juror


class UserAddForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserAdminForm
    add_form = UserAddForm
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_juror", "is_active"]
    list_filter = ["is_staff", "is_juror", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Identité"), {"fields": ["first_name", "last_name"]}),
        (_("Rôles"), {"fields": ["is_active", "is_staff", "is_superuser", "is_juror", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]})]


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ["user", "territory", "role", "capacity", "status", "requested_at", "decided_at"]
    list_filter = ["status", "role", "capacity"]
    search_fields = ["user__email", "user__last_name", "territory__name", "territory__code"]
    raw_id_fields = ["user", "territory", "decided_by"]
    readonly_fields = ["requested_at", "decided_at", "decided_by", "ended_at"]


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LoginAttemptAdmin(AccessAttemptAdmin):
    """django-axes' failed logins (account and address pairs), with the locked ones and a way to unlock them."""

    actions = [*AccessAttemptAdmin.actions, "unlock"]

    @admin.action(description=_("Débloquer les connexions sélectionnées"), permissions=["delete"])
    def unlock(self, request, queryset):
        for attempt in queryset:
            log_event("unlock", request, user_id=request.user.pk, attempt_id=attempt.pk)
        count, _details = queryset.delete()
        self.message_user(
            request,
            ngettext("%(count)d connexion débloquée.", "%(count)d connexions débloquées.", count) % {"count": count},
            messages.SUCCESS,
        )
