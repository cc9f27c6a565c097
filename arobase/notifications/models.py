from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from arobase.notifications.rules import KINDS, Delivery

KIND_CHOICES = [(kind.code, kind.label) for kind in KINDS.values()]


class Notification(models.Model):
    """Something that concerns one person, shown on their notifications page and possibly emailed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("type"), max_length=40, choices=KIND_CHOICES)
    title = models.CharField(_("titre"), max_length=300)
    url = models.CharField(_("lien"), max_length=500)
    body = models.TextField(_("texte"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("lue le"), null=True, blank=True)
    # Set once the notification went out by email (alone or in a digest), so that no digest repeats it.
    emailed_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_user_read"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.kind} · {self.title}"


class NotificationPreference(models.Model):
    """How one person wants one kind of notification delivered; a missing row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("type"), max_length=40, choices=KIND_CHOICES)
    delivery = models.CharField(_("envoi"), max_length=10, choices=Delivery.CHOICES)

    class Meta:
        verbose_name = _("préférence de notification")
        verbose_name_plural = _("préférences de notification")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.kind} · {self.delivery}"
