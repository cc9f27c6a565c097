"""Reads of the road signs: the result a collectivité may display (published results only, through
``label.selectors.published_results``), who may declare a sign, the declarations and the public gallery."""

from __future__ import annotations

from arobase.accounts.permissions import is_member_of, is_staff
from arobase.label import selectors
from arobase.label.models import Result, SignDeclaration
from arobase.territories.models import Territory


def sign_result(territory: Territory) -> Result | None:
    """The last published result of the collectivité with at least 1 @ (None: no sign to display)."""
    return selectors.published_results().filter(territory=territory, arobases__gte=1).order_by("-year").first()


def published_result(territory: Territory, year: int) -> Result | None:
    return selectors.published_results().filter(territory=territory, year=year, arobases__gte=1).first()


def can_declare(user, territory: Territory) -> bool:
    """The approved members of the collectivité (référent or contributors), or staff."""
    return is_staff(user) or is_member_of(user, territory)


def declarations_of(territory: Territory):
    return SignDeclaration.objects.filter(territory=territory).select_related("result")


def all_declarations():
    return SignDeclaration.objects.select_related("territory", "result", "declared_by").order_by("-declared_at")


def gallery():
    """Declared signs with a photo whose free use was confirmed, of published results only."""
    visible = selectors.published_results().values("pk")
    return (
        SignDeclaration.objects.filter(free_use_confirmed=True, result_id__in=visible)
        .exclude(photo="")
        .select_related("territory", "result")
        .order_by("-installed_on", "-pk")
    )
