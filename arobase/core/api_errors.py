"""The error answers of the API, the same for every router, documented in the OpenAPI document.

- 404 and errors found by the code (`HttpError`): `{"detail": "message en français"}`;
- 422 for parameters the OpenAPI document already rules out (wrong type, too long, out of range, unknown value):
  `{"detail": [{"loc": [...], "type": "...", "msg": "message en français"}]}`; 422 found by the code (a date that
  does not parse...) keeps the plain-message form.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import ValidationError

# Text parameters reach the database, and PostgreSQL refuses the NUL character in any text.
NO_NUL = r"^[^\x00]*$"


class ErrorOut(Schema):
    detail: str = Field(description="Message en français.")


class InvalidParameterOut(Schema):
    loc: list[str | int] = Field(description="Où : [« query » ou « path », nom du paramètre].")
    type: str = Field(description="Nature de l'erreur (codes de pydantic : int_parsing, string_too_long...).")
    msg: str = Field(description="Message en français.")


class ValidationErrorOut(Schema):
    detail: str | list[InvalidParameterOut] = Field(
        description="Un message, ou la liste des paramètres invalides avec un message pour chacun."
    )


NOT_FOUND = {404: ErrorOut}
INVALID = {422: ValidationErrorOut}


def _french_message(error: dict) -> str:
    name = str(error.get("loc", ["", "?"])[-1])
    context = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind == "string_too_long":
        return _("« %(name)s » : %(max)s caractères au plus.") % {"name": name, "max": context.get("max_length")}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("« %(name)s » doit être un nombre entier.") % {"name": name}
    if kind in ("greater_than_equal", "greater_than"):
        limit = context.get("ge", context.get("gt"))
        return _("« %(name)s » doit valoir au moins %(limit)s.") % {"name": name, "limit": limit}
    if kind in ("less_than_equal", "less_than"):
        limit = context.get("le", context.get("lt"))
        return _("« %(name)s » doit valoir au plus %(limit)s.") % {"name": name, "limit": limit}
    if kind in ("literal_error", "enum"):
        return _("« %(name)s » doit être l'une des valeurs %(expected)s.") % {
            "name": name,
            "expected": context.get("expected", ""),
        }
    if kind == "missing":
        return _("« %(name)s » est obligatoire.") % {"name": name}
    if kind == "string_pattern_mismatch":
        return _("« %(name)s » contient un caractère non admis.") % {"name": name}
    return _("« %(name)s » est invalide.") % {"name": name}


def install_validation_errors(api: NinjaAPI) -> None:
    """Answer invalid parameters with 422 and French messages (ninja's default messages are pydantic's English)."""

    def handler(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        detail = [
            {"loc": list(error.get("loc", [])), "type": error.get("type", ""), "msg": _french_message(error)}
            for error in exc.errors
        ]
        return api.create_response(request, {"detail": detail}, status=422)

    api.add_exception_handler(ValidationError, handler)
