from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arobase.territories.models import LabelCategory


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person: the email address is the login.

    Roles: `is_staff` (the association's team) and `is_juror` are global; référent and contributor are
    per collectivité, through `Affiliation`.
    """

    username = None
    email = models.EmailField(_("adresse électronique"), unique=True)
    is_juror = models.BooleanField(
        _("membre du jury"),
        default=False,
        help_text=_("Personnalité qualifiée sans mandat territorial : ne peut appartenir à aucune collectivité."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def requires_two_factor(self) -> bool:
        return self.is_staff or self.is_superuser or self.is_juror


class Capacity(models.TextChoices):
    ELU = "elu", _("Élu ou élue")
    AGENT = "agent", _("Agent de la collectivité")
    MEDIATEUR = "mediateur", _("Médiateur ou médiatrice numérique")
    ACTEUR_LOCAL = "acteur_local", _("Acteur local")
    ECOLE = "ecole", _("École")
    ASSOCIATION = "association", _("Association")


class AffiliationRole(models.TextChoices):
    REFERENT = "referent", _("Référent")
    CONTRIBUTOR = "contributor", _("Contributeur")


class AffiliationStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    APPROVED = "approved", _("Acceptée")
    REJECTED = "rejected", _("Refusée")
    LEFT = "left", _("Terminée")


LIVE_STATUSES = (AffiliationStatus.PENDING, AffiliationStatus.APPROVED)


class Affiliation(models.Model):
    """A person's attachment to a collectivité, requested by the person and decided by its référent or staff."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliations")
    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("collectivité"), on_delete=models.PROTECT, related_name="affiliations"
    )
    capacity = models.CharField(_("à quel titre"), max_length=20, choices=Capacity.choices)
    role = models.CharField(
        _("rôle"), max_length=20, choices=AffiliationRole.choices, default=AffiliationRole.CONTRIBUTOR
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=AffiliationStatus.choices, default=AffiliationStatus.PENDING
    )
    message = models.TextField(_("message"), blank=True)
    # Label category declared by the requester when the collectivité had none yet; applied on approval.
    declared_label_category = models.CharField(
        _("catégorie déclarée"), max_length=10, choices=LabelCategory.choices, blank=True
    )
    requested_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("motif"), blank=True)
    ended_at = models.DateTimeField(_("terminée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("rattachement")
        verbose_name_plural = _("rattachements")
        ordering = ["-requested_at"]
        constraints = [
            # One live request or attachment per person and collectivité; refused or ended ones stay as history.
            models.UniqueConstraint(
                fields=["user", "territory"],
                condition=Q(status__in=LIVE_STATUSES),
                name="affiliation_one_live_per_user_territory",
            ),
            # At most one référent per collectivité.
            models.UniqueConstraint(
                fields=["territory"],
                condition=Q(status="approved", role="referent"),
                name="affiliation_one_referent_per_territory",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.territory} ({self.get_role_display()}, {self.get_status_display()})"

    @property
    def is_live(self) -> bool:
        return self.status in (AffiliationStatus.PENDING, AffiliationStatus.APPROVED)

    @property
    def is_referent(self) -> bool:
        return self.role == AffiliationRole.REFERENT and self.status == AffiliationStatus.APPROVED


class UsedTotpStep(models.Model):
    """A TOTP time step whose code already signed this person in: each code serves once (RFC 6238, § 5.2).

    Kept in the database rather than in the cache so that every app server refuses a replay.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    time_step = models.BigIntegerField(_("pas de temps"))
    used_at = models.DateTimeField(_("utilisé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("code TOTP utilisé")
        verbose_name_plural = _("codes TOTP utilisés")
        constraints = [
            models.UniqueConstraint(fields=["user", "time_step"], name="used_totp_step_once_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.time_step}"
