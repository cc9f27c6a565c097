"""Writes of the road signs: a collectivité declares the sign it installed (with an optional photo)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from arobase.actions.images import ImageRejected, reencode
from arobase.label import selectors
from arobase.label.errors import LabelError, LabelNotAllowed
from arobase.label.models import Result, SignDeclaration
from arobase.label.signs.rendering import content_for
from arobase.label.signs.selectors import can_declare
from arobase.territories.models import Territory


@transaction.atomic
def declare_sign(
    *,
    actor,
    territory: Territory,
    result: Result,
    address: str,
    installed_on: date,
    maker: str = "",
    photo=None,
    photo_alt: str = "",
    photo_credit: str = "",
    free_use_confirmed: bool = False,
) -> SignDeclaration:
    if not can_declare(actor, territory):
        raise LabelNotAllowed(_("Seuls les membres de la collectivité déclarent ses panneaux."))
    if (
        result.territory_id != territory.pk
        or not selectors.published_results().filter(pk=result.pk, arobases__gte=1).exists()
    ):
        raise LabelError(_("Ce panneau ne correspond à aucun label publié de la collectivité."))
    address = (address or "").strip()
    if not address:
        raise LabelError(_("Indiquez l'adresse ou l'emplacement du panneau."))
    content = None
    if photo:
        if not free_use_confirmed:
            raise LabelError(_("Confirmez que la photo peut être utilisée librement, ou n'envoyez pas de photo."))
        if not (photo_credit or "").strip():
            raise LabelError(_("Indiquez le crédit de la photo (son auteur)."))
        try:
            content = reencode(photo)
        except ImageRejected as error:
            raise LabelError(str(error)) from None
    declaration = SignDeclaration(
        territory=territory,
        result=result,
        address=address[:300],
        installed_on=installed_on,
        maker=(maker or "").strip()[:200],
        photo_alt=(photo_alt or "").strip()[:300]
        or _("Panneau %(text)s installé à %(place)s") % {"text": content_for(result).text, "place": territory.name},
        photo_credit=(photo_credit or "").strip()[:200],
        free_use_confirmed=bool(free_use_confirmed and photo),
        declared_by=actor,
    )
    if content is not None:
        declaration.photo.save(content.name, content, save=False)
    declaration.save()
    return declaration
