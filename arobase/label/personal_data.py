"""A person's personal data (GDPR): the export of everything about them, and the deletion of their account.

Deleting an account keeps what belongs to the collectivités (actions, candidacies, memberships, decisions) and
removes the person from it: links to the account become empty (``SET_NULL``), the history records of every model
lose their author, and the actor entries carrying their address lose their contact details (and their name for a
person). A référent who is the only one of a collectivité with other members hands over first; when nobody else
is left, staff are told by email. A juror who sat on a jury keeps the record of the deliberation: staff handle it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth import authenticate
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from arobase.accounts.errors import NotAllowed, RuleViolation
from arobase.accounts.models import LIVE_STATUSES, Affiliation, AffiliationRole, AffiliationStatus, User
from arobase.actions.models import Action, Actor, ActorKind
from arobase.label import notifications
from arobase.label.models import (
    Candidacy,
    CandidacySnapshot,
    ConflictOfInterest,
    EvaluationResponse,
    JurorProposal,
    JuryMember,
    Membership,
    SignDeclaration,
)

EXPORT_FORMAT = "arobase-personal-data/1"
LOGIN_RECORDS_KEPT = timedelta(days=90)
UNVERIFIED_ACCOUNTS_KEPT = timedelta(days=30)
ANONYMOUS_ACTOR_NAME = "Personne (compte supprimé)"


# --- Export ------------------------------------------------------------------------------------------------------


def _rows(queryset: models.QuerySet, *fields: str) -> list[dict[str, Any]]:
    return list(queryset.values(*fields))


def actor_records_of(user: User) -> models.QuerySet:
    """Actor entries carrying the person's address, or their full name for a person."""
    condition = Q(email__iexact=user.email)
    full_name = user.get_full_name().strip()
    if full_name:
        condition |= Q(kind=ActorKind.PERSON, name__iexact=full_name)
    return Actor.objects.filter(condition)


def export_personal_data(*, actor: User, user: User) -> dict[str, Any]:
    """Everything the platform holds about `user`, as plain JSON-ready data. Only the person themselves may ask.
    Secrets (password hash, TOTP secret, recovery codes) are never part of it: only whether they exist."""
    if actor.pk != user.pk:
        raise NotAllowed(_("Seule la personne concernée peut télécharger ses données."))
    authenticators = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "profile": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_staff": user.is_staff,
            "is_juror": user.is_juror,
            "has_password": user.has_usable_password(),
        },
        "email_addresses": _rows(EmailAddress.objects.filter(user=user), "email", "verified", "primary"),
        "two_factor": {
            "totp": Authenticator.Type.TOTP in authenticators,
            "recovery_codes": Authenticator.Type.RECOVERY_CODES in authenticators,
        },
        "affiliations": _rows(
            Affiliation.objects.filter(user=user).order_by("requested_at"),
            "territory__name",
            "territory__code",
            "capacity",
            "role",
            "status",
            "message",
            "declared_label_category",
            "requested_at",
            "decided_at",
            "decision_note",
            "ended_at",
        ),
        "affiliation_decisions": _rows(
            Affiliation.objects.filter(decided_by=user).order_by("decided_at"),
            "territory__name",
            "territory__code",
            "status",
            "decided_at",
            "decision_note",
        ),
        "actions_created": _rows(
            Action.objects.filter(created_by=user).order_by("created_at"),
            "id",
            "title",
            "owner__name",
            "owner__code",
            "status",
            "is_published",
            "created_at",
        ),
        "actions_unpublished": _rows(
            Action.objects.filter(unpublished_by=user).order_by("unpublished_at"),
            "id",
            "title",
            "unpublished_at",
            "unpublished_reason",
        ),
        "actor_records": _rows(
            actor_records_of(user).order_by("action_id", "pk"),
            "action_id",
            "action__title",
            "kind",
            "name",
            "role",
            "is_elected",
            "email",
            "phone",
            "contact_consent",
        ),
        "memberships": _rows(
            Membership.objects.filter(Q(requested_by=user) | Q(decided_by=user)).order_by("year", "pk"),
            "territory__name",
            "year",
            "level",
            "status",
            "requested_by",
            "requested_at",
            "decided_by",
            "decided_at",
        ),
        "candidacies": _rows(
            Candidacy.objects.filter(Q(opened_by=user) | Q(updated_by=user)).order_by("opened_at"),
            "territory__name",
            "campaign__year",
            "status",
            "opened_by",
            "opened_at",
            "updated_by",
            "updated_at",
        ),
        "candidacy_validations": _rows(
            CandidacySnapshot.objects.filter(validated_by=user).order_by("validated_at"),
            "candidacy__territory__name",
            "candidacy__campaign__year",
            "number",
            "validated_at",
        ),
        "jury": {
            "seats": _rows(
                JuryMember.objects.filter(user=user).order_by("campaign__year"), "campaign__year", "added_at"
            ),
            "conflicts_of_interest": _rows(
                ConflictOfInterest.objects.filter(juror=user).order_by("declared_at"),
                "candidacy__campaign__year",
                "candidacy__territory__name",
                "territory__name",
                "reason",
                "declared_at",
            ),
            "proposals": _rows(
                JurorProposal.objects.filter(juror=user).order_by("created_at"),
                "candidacy__campaign__year",
                "candidacy__territory__name",
                "arobases",
                "alert",
                "comment",
                "created_at",
                "updated_at",
            ),
        },
        "road_signs_declared": _rows(
            SignDeclaration.objects.filter(declared_by=user).order_by("declared_at"),
            "territory__name",
            "address",
            "installed_on",
            "maker",
            "photo_credit",
            "declared_at",
        ),
        "label_evaluations": _rows(
            EvaluationResponse.objects.filter(user=user).order_by("created_at"),
            "campaign__year",
            "territory__name",
            "ratings",
            "suggestions",
            "created_at",
        ),
        "logins": _rows(
            AccessLog.objects.filter(username__iexact=user.email).order_by("attempt_time"),
            "attempt_time",
            "logout_time",
            "ip_address",
            "user_agent",
        ),
        "failed_logins": _rows(
            AccessFailureLog.objects.filter(username__iexact=user.email).order_by("attempt_time"),
            "attempt_time",
            "ip_address",
            "user_agent",
            "locked_out",
        ),
    }


# --- Deletion ----------------------------------------------------------------------------------------------------


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def territories_to_hand_over(user: User) -> list:
    """Collectivités whose only référent is `user` while other people belong to them (or ask to)."""
    referent_of = Affiliation.objects.filter(
        user=user, role=AffiliationRole.REFERENT, status=AffiliationStatus.APPROVED
    ).values("territory_id")
    others = Affiliation.objects.filter(territory_id__in=referent_of, status__in=LIVE_STATUSES).exclude(user=user)
    return sorted({affiliation.territory for affiliation in others.select_related("territory")}, key=str)


def deletion_obstacles(user: User) -> list[str]:
    """Why the account cannot be deleted yet (French, for the person); empty when it can."""
    obstacles = []
    for territory in territories_to_hand_over(user):
        obstacles.append(
            _(
                "Vous êtes le seul référent de %(name)s, qui compte d'autres membres : désignez d'abord un nouveau "
                "référent parmi eux (ou demandez-le à l'équipe Villes Internet)."
            )
            % {"name": territory}
        )
    if JuryMember.objects.filter(user=user).exists():
        obstacles.append(
            _(
                "Vous avez siégé dans un jury du label : le compte rendu de la délibération doit être conservé. "
                "Écrivez à l'équipe Villes Internet, qui supprimera votre compte en anonymisant ce compte rendu."
            )
        )
    return obstacles


def _user_foreign_keys_without_cascade() -> list[tuple[type[models.Model], str]]:
    """Copies of user links that the database does not follow: the `*_by`/`user` columns of history records."""
    found = []
    for model in apps.get_models():
        if not model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.ForeignKey)
                and field.related_model is User
                and field.null
                and field.remote_field.on_delete is models.DO_NOTHING
            ):
                found.append((model, field.attname))
    return found


def _forget_actor_entries(user: User) -> int:
    """Actor entries with the person's address lose it (with the phone); a person's entry loses the name too,
    in the entries and in their history."""
    count = 0
    for actor in Actor.objects.filter(email__iexact=user.email):
        actor.email, actor.phone, actor.contact_consent = "", "", False
        if actor.kind == ActorKind.PERSON:
            actor.name = ANONYMOUS_ACTOR_NAME
        actor._change_reason = _("Anonymisation : compte supprimé")
        actor.save()  # through the model, so that the search index and the map follow
        count += 1
    history = Actor.history.model.objects.filter(email__iexact=user.email)
    history.filter(kind=ActorKind.PERSON).update(name=ANONYMOUS_ACTOR_NAME)
    history.update(email="", phone="", contact_consent=False)
    return count


def _password_confirmed(user: User, password: str, request: HttpRequest | None) -> bool:
    """With the request, through the authentication backends, so that django-axes counts the failures and locks
    out like at login: a stolen session cannot guess the password here either."""
    if not password:
        return False
    if request is None:
        return user.check_password(password)
    authenticated = authenticate(request, login=user.email, email=user.email, password=password)
    return authenticated is not None and authenticated.pk == user.pk and not getattr(request, "axes_locked_out", False)


def delete_account(
    *, actor: User, user: User, password: str, otp_code: str = "", request: HttpRequest | None = None
) -> None:
    """Delete `user`'s account at their own request, after checking their password (counted by the login
    throttling when `request` is given) and, when they set one up, their second factor. Raises `NotAllowed` for
    anybody else and `RuleViolation` (French) otherwise."""
    if actor.pk != user.pk or not user.is_active:
        raise NotAllowed(_("Seule la personne concernée peut supprimer son compte."))
    # Outside any transaction: a failed attempt recorded by django-axes must survive the refusal.
    if not _password_confirmed(user, password, request):
        if request is not None and getattr(request, "axes_locked_out", False):
            raise RuleViolation(
                _("Trop d'essais de mot de passe : réessayez plus tard. Votre compte n'a pas été supprimé.")
            )
        raise RuleViolation(_("Mot de passe incorrect : votre compte n'a pas été supprimé."))
    if has_totp(user):
        authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        if not otp_code or not TOTP(authenticator).validate_code(otp_code.strip()):
            raise RuleViolation(_("Code de double authentification incorrect : votre compte n'a pas été supprimé."))
    _erase(user)


@transaction.atomic
def _erase(user: User) -> None:
    obstacles = deletion_obstacles(user)
    if obstacles:
        raise RuleViolation(" ".join(obstacles))
    orphaned = [
        affiliation.territory
        for affiliation in Affiliation.objects.filter(
            user=user, role=AffiliationRole.REFERENT, status=AffiliationStatus.APPROVED
        ).select_related("territory")
    ]
    _forget_actor_entries(user)
    for model, attname in _user_foreign_keys_without_cascade():
        model.objects.filter(**{attname: user.pk}).update(**{attname: None})
    for log_model in (AccessAttempt, AccessLog, AccessFailureLog):
        log_model.objects.filter(username__iexact=user.email).delete()
    user.delete()  # history authors and every `*_by` link are SET_NULL; affiliations and addresses go with it
    if orphaned:
        transaction.on_commit(lambda: notifications.notify_referent_left(orphaned))


# --- Retention ---------------------------------------------------------------------------------------------------


def purge_expired_personal_data(*, now: datetime | None = None) -> dict[str, int]:
    """Delete what the platform no longer needs (run daily by `manage.py purge_personal_data`): expired sessions,
    login records older than 90 days, and accounts whose address was never confirmed within 30 days (never signed
    in, no role). Idempotent. Returns the number of rows deleted by kind."""
    now = now or timezone.now()
    login_limit = now - LOGIN_RECORDS_KEPT
    never_verified = (
        User.objects.filter(
            date_joined__lt=now - UNVERIFIED_ACCOUNTS_KEPT,
            last_login__isnull=True,
            is_staff=False,
            is_superuser=False,
            is_juror=False,
            emailaddress__verified=False,
        )
        .exclude(emailaddress__verified=True)
        .distinct()
    )
    with transaction.atomic():
        counts = {
            "expired_sessions": Session.objects.filter(expire_date__lt=now).delete()[0],
            "login_attempts": AccessAttempt.objects.filter(attempt_time__lt=login_limit).delete()[0],
            "login_logs": AccessLog.objects.filter(attempt_time__lt=login_limit).delete()[0],
            "login_failures": AccessFailureLog.objects.filter(attempt_time__lt=login_limit).delete()[0],
        }
        ids = list(never_verified.values_list("pk", flat=True))
        User.objects.filter(pk__in=ids).delete()
        counts["unverified_accounts"] = len(ids)
    return counts
