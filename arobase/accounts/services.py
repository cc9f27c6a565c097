"""Writes of accounts and affiliations. Every function checks who acts and raises a domain error:
`NotAllowed` (a 403 for the views) or `RuleViolation` (a rule of the label, shown to the user)."""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arobase.accounts import notifications, permissions, selectors
from arobase.accounts.errors import NotAllowed, RuleViolation
from arobase.accounts.models import LIVE_STATUSES, Affiliation, AffiliationRole, AffiliationStatus, Capacity, User
from arobase.territories.models import LabelCategory, Territory, TerritoryKind
from arobase.territories.rules import allowed_label_categories, can_be_candidate

MESSAGE_MAX_LENGTH = 2000
FOREIGN_CODE_PREFIX = "X"
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


# --- Joining a collectivité -------------------------------------------------------------------------------


def label_category_to_declare(territory: Territory) -> tuple[str, ...]:
    """The categories the requester must choose from; empty when nothing is to declare (already set or implied)."""
    if territory.label_category:
        return ()
    allowed = allowed_label_categories(territory.kind)
    return allowed if len(allowed) > 1 else ()


def check_territory_joinable(territory: Territory) -> None:
    if territory.is_obsolete:
        raise RuleViolation(
            _("Cette collectivité n'existe plus (fusion ou disparition) : choisissez la collectivité actuelle.")
        )
    if not can_be_candidate(territory.kind):
        raise RuleViolation(
            _(
                "Les départements et les régions ne peuvent pas participer au label : "
                "choisissez une commune, une intercommunalité ou une collectivité étrangère."
            )
        )


def request_affiliation(
    *, user: User, territory: Territory, capacity: str, message: str = "", label_category: str = ""
) -> Affiliation:
    """Ask to join a collectivité. Without an approved référent, the request is a référent request (staff decide)."""
    if not user.is_authenticated:
        raise NotAllowed(_("Connectez-vous pour rejoindre une collectivité."))
    if user.is_juror:
        raise RuleViolation(
            _("Les membres du jury ne peuvent appartenir à aucune collectivité : votre demande ne peut être faite.")
        )
    if not permissions.can_request_affiliation(user):
        raise NotAllowed(_("Votre compte ne permet pas de rejoindre une collectivité."))
    check_territory_joinable(territory)
    if capacity not in Capacity.values:
        raise RuleViolation(_("Indiquez à quel titre vous rejoignez la collectivité."))
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise RuleViolation(_("Votre message est trop long (2 000 caractères au plus)."))

    declared = ""
    to_declare = label_category_to_declare(territory)
    if to_declare:
        if label_category not in to_declare:
            raise RuleViolation(_("Indiquez si la collectivité participe au label comme Ville ou comme Village."))
        declared = label_category
    elif not territory.label_category:
        declared = allowed_label_categories(territory.kind)[0]  # an EPCI is a Territoire

    if selectors.live_affiliation(user=user, territory=territory) is not None:
        raise RuleViolation(_("Vous avez déjà une demande en cours ou un rattachement à cette collectivité."))

    referent = selectors.referent_of(territory)
    try:
        with transaction.atomic():
            affiliation = Affiliation.objects.create(
                user=user,
                territory=territory,
                capacity=capacity,
                message=message,
                declared_label_category=declared,
                role=AffiliationRole.CONTRIBUTOR if referent else AffiliationRole.REFERENT,
                status=AffiliationStatus.PENDING,
            )
    except IntegrityError as error:
        raise RuleViolation(
            _("Vous avez déjà une demande en cours ou un rattachement à cette collectivité.")
        ) from error
    notifications.notify_new_request(affiliation, referent=referent.user if referent else None)
    return affiliation


def _check_can_decide(actor: User, affiliation: Affiliation) -> None:
    if not permissions.can_decide_affiliation(actor, affiliation):
        raise NotAllowed(_("Vous ne pouvez pas décider de cette demande."))
    if affiliation.status != AffiliationStatus.PENDING:
        raise RuleViolation(_("Cette demande a déjà été traitée."))


def approve_affiliation(*, actor: User, affiliation: Affiliation, note: str = "") -> Affiliation:
    """Accept a request. Approving a référent request turns the other pending référent requests of the
    collectivité into contributor requests, which the new référent then decides."""
    _check_can_decide(actor, affiliation)
    if affiliation.user.is_juror:
        raise RuleViolation(_("Cette personne est membre du jury : elle ne peut appartenir à aucune collectivité."))
    territory = affiliation.territory
    try:
        with transaction.atomic():
            if affiliation.role == AffiliationRole.REFERENT and selectors.has_referent(territory):
                raise RuleViolation(
                    _("Cette collectivité a déjà un référent : refusez cette demande ou réattribuez le rôle.")
                )
            affiliation.status = AffiliationStatus.APPROVED
            affiliation.decided_by = actor
            affiliation.decided_at = timezone.now()
            affiliation.decision_note = note.strip()
            affiliation.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
            if affiliation.role == AffiliationRole.REFERENT:
                Affiliation.objects.filter(
                    territory=territory, status=AffiliationStatus.PENDING, role=AffiliationRole.REFERENT
                ).update(role=AffiliationRole.CONTRIBUTOR)
            if not territory.label_category and affiliation.declared_label_category:
                territory.label_category = affiliation.declared_label_category
                territory.save(update_fields=["label_category", "updated_at"])
    except IntegrityError as error:
        raise RuleViolation(_("Cette demande ne peut plus être acceptée : rechargez la page.")) from error
    notifications.notify_decision(affiliation)
    return affiliation


def reject_affiliation(*, actor: User, affiliation: Affiliation, note: str = "") -> Affiliation:
    _check_can_decide(actor, affiliation)
    affiliation.status = AffiliationStatus.REJECTED
    affiliation.decided_by = actor
    affiliation.decided_at = timezone.now()
    affiliation.decision_note = note.strip()
    affiliation.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    notifications.notify_decision(affiliation)
    return affiliation


def must_hand_over_before_leaving(affiliation: Affiliation) -> bool:
    """A référent with other members must make one of them référent before leaving: the collectivité would be
    left without anyone to approve requests and validate its candidacy. Alone, they may leave."""
    return affiliation.is_referent and (
        Affiliation.objects.filter(territory_id=affiliation.territory_id, status=AffiliationStatus.APPROVED)
        .exclude(pk=affiliation.pk)
        .exists()
    )


def leave_affiliation(*, actor: User, affiliation: Affiliation) -> Affiliation:
    """End one's own attachment or withdraw one's pending request. A référent with other members hands the role
    over first (`hand_over_referent`); a référent alone frees the role."""
    if not permissions.can_leave_affiliation(actor, affiliation):
        raise NotAllowed(_("Vous ne pouvez quitter que vos propres collectivités."))
    if affiliation.status not in LIVE_STATUSES:
        raise RuleViolation(_("Ce rattachement est déjà terminé."))
    if must_hand_over_before_leaving(affiliation):
        raise RuleViolation(
            _("Vous êtes le référent de cette collectivité : désignez d'abord un autre membre comme référent.")
        )
    affiliation.status = AffiliationStatus.LEFT
    affiliation.ended_at = timezone.now()
    affiliation.save(update_fields=["status", "ended_at"])
    return affiliation


def reassign_referent(*, actor: User, affiliation: Affiliation) -> Affiliation:
    """Staff make an approved member the référent of their collectivité; the former référent stays contributor."""
    if not permissions.can_reassign_referent(actor, affiliation.territory):
        raise NotAllowed(_("Seule l'équipe Villes Internet peut réattribuer le rôle de référent."))
    return _make_referent(affiliation)


def hand_over_referent(*, actor: User, affiliation: Affiliation) -> Affiliation:
    """The référent (or staff) makes another approved member of the collectivité its référent; the former
    référent stays a contributor (and may then leave)."""
    if not permissions.can_hand_over_referent(actor, affiliation.territory):
        raise NotAllowed(_("Seul le référent de la collectivité peut transmettre son rôle."))
    return _make_referent(affiliation)


def _make_referent(affiliation: Affiliation) -> Affiliation:
    if affiliation.status != AffiliationStatus.APPROVED:
        raise RuleViolation(_("Le nouveau référent doit être un membre accepté de la collectivité."))
    if affiliation.role == AffiliationRole.REFERENT:
        raise RuleViolation(_("Cette personne est déjà le référent de la collectivité."))
    with transaction.atomic():
        Affiliation.objects.filter(
            territory=affiliation.territory, role=AffiliationRole.REFERENT, status=AffiliationStatus.APPROVED
        ).update(role=AffiliationRole.CONTRIBUTOR)
        affiliation.role = AffiliationRole.REFERENT
        affiliation.save(update_fields=["role"])
        # Pending référent requests have no object any more: the new référent decides them as contributors.
        Affiliation.objects.filter(
            territory=affiliation.territory, status=AffiliationStatus.PENDING, role=AffiliationRole.REFERENT
        ).update(role=AffiliationRole.CONTRIBUTOR)
    notifications.notify_new_referent(affiliation)
    return affiliation


# --- Staff ------------------------------------------------------------------------------------------------


def _next_foreign_code() -> str:
    codes = Territory.objects.filter(kind=TerritoryKind.FOREIGN, code__startswith=FOREIGN_CODE_PREFIX).values_list(
        "code", flat=True
    )
    numbers = [int(code[1:]) for code in codes if code[1:].isdigit()]
    return f"{FOREIGN_CODE_PREFIX}{max(numbers, default=0) + 1:05d}"


def create_foreign_territory(
    *, actor: User, name: str, country: str, label_category: str, population: int | None = None
) -> Territory:
    """A foreign collectivité, evaluated "hors concours"; its code is generated ("X00001", "X00002"...)."""
    if not permissions.can_add_foreign_territory(actor):
        raise NotAllowed(_("Seule l'équipe Villes Internet peut ajouter une collectivité étrangère."))
    name = (name or "").strip()
    country = (country or "").strip().upper()
    if not name:
        raise RuleViolation(_("Indiquez le nom de la collectivité."))
    if not _COUNTRY_CODE.match(country):
        raise RuleViolation(_("Le pays s'indique par son code ISO à deux lettres, par exemple BE pour la Belgique."))
    if country == "FR":
        raise RuleViolation(_("Une collectivité française se trouve déjà dans la liste officielle."))
    if label_category not in allowed_label_categories(TerritoryKind.FOREIGN):
        raise RuleViolation(_("Choisissez la catégorie : Ville, Village ou Territoire."))
    if population is not None and population < 0:
        raise RuleViolation(_("La population ne peut pas être négative."))
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return Territory.objects.create(
                    kind=TerritoryKind.FOREIGN,
                    code=_next_foreign_code(),
                    name=name,
                    country=country,
                    population=population,
                    label_category=LabelCategory(label_category),
                )
        except IntegrityError:
            continue
    raise RuleViolation(_("La collectivité n'a pas pu être enregistrée, veuillez réessayer."))


def check_can_become_juror(user: User) -> None:
    if selectors.user_has_live_affiliation(user):
        raise RuleViolation(
            _(
                "%(person)s appartient à une collectivité (ou l'a demandé) : un membre du jury ne peut appartenir "
                "à aucune collectivité."
            )
            % {"person": user}
        )


def set_juror(*, actor: User, user: User, is_juror: bool) -> User:
    """Staff make a person a jury member (never a member of a collectivité) or remove them from the jury."""
    if not permissions.can_set_juror(actor):
        raise NotAllowed(_("Seule l'équipe Villes Internet peut désigner les membres du jury."))
    if is_juror:
        check_can_become_juror(user)
    if user.is_juror != is_juror:
        user.is_juror = is_juror
        user.save(update_fields=["is_juror"])
    return user
