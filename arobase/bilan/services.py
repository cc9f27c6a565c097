"""Writes of the bilan: experts' commentaries (staff only) and the PDF, generated in the background."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from arobase.bilan.models import BilanRequest, BilanStatus, Commentary, Section
from arobase.bilan.selectors import bilan_key
from arobase.bilan.tasks import generate_bilan_pdf
from arobase.mosaic.selectors import label_years
from arobase.territories.models import Territory


class BilanPermissionDenied(PermissionDenied):
    """Only staff write commentaries."""


class BilanError(ValueError):
    """Bad input for a bilan (message in French); nothing was written."""


def save_commentary(*, actor, territory: Territory, section: str, text: str, published: bool) -> Commentary | None:
    """Write (or, with an empty text, delete) the commentary of one section; staff only."""
    if not (actor.is_authenticated and actor.is_staff):
        raise BilanPermissionDenied(_("Seule l'équipe de l'association rédige les commentaires du bilan."))
    if section not in Section.values:
        raise BilanError(_("Section inconnue."))
    text = text.strip()
    if len(text) > 10_000:
        raise BilanError(_("Un commentaire compte 10 000 caractères au plus."))
    if not text:
        Commentary.objects.filter(territory=territory, section=section).delete()
        return None
    commentary, _created = Commentary.objects.update_or_create(
        territory=territory,
        section=section,
        defaults={"text": text, "is_published": published, "updated_by": actor},
    )
    return commentary


def request_pdf(*, territory: Territory, year: int) -> BilanRequest:
    """A PDF of the bilan as it is now: a finished or running one of the same content is reused; otherwise a new
    request is enqueued (the task starts once this transaction commits). Raises `UnknownLabelYear`."""
    label_years().edition_id_for(year)
    key = bilan_key(territory=territory, year=year)
    existing = BilanRequest.objects.filter(key=key).exclude(status=BilanStatus.FAILED).order_by("-created_at").first()
    if existing is not None:
        return existing
    bilan_request = BilanRequest.objects.create(territory=territory, year=year, key=key)
    transaction.on_commit(lambda: generate_bilan_pdf.enqueue(bilan_request.pk))
    return bilan_request
