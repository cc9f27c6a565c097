"""Public API of the referential: /api/v1/referential/."""

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from arobase.core.api_errors import INVALID, NOT_FOUND
from arobase.referential.models import ReferentialEdition
from arobase.referential.selectors import edition_tree, get_edition

router = Router()


class ServiceOut(Schema):
    code: str
    label: str


class EnjeuOut(Schema):
    code: str
    label: str
    question: str
    services: list[ServiceOut]


class ThemeOut(Schema):
    code: str
    label: str
    enjeux: list[EnjeuOut]


class EditionOut(Schema):
    year: int
    themes: list[ThemeOut]


@router.get("/{year}", response={200: EditionOut, **NOT_FOUND, **INVALID}, summary="Une édition du référentiel")
def referential_edition(request, year: int):
    """Les thèmes, enjeux (avec leur question) et services de l'édition du référentiel utilisée pour le label
    de l'année `year`. Seules les éditions publiées sont visibles du public."""
    user = getattr(request, "user", None)
    published_only = not (user is not None and user.is_authenticated and user.is_staff)
    try:
        edition = get_edition(year, published_only=published_only)
    except ReferentialEdition.DoesNotExist:
        return Status(404, {"detail": _("Aucune édition du référentiel pour l'année %(year)s.") % {"year": year}})
    return edition_tree(edition).as_dict()
