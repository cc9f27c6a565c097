"""``{% load french %}``: French elisions and dates in templates (see `arobase.core.french`).

``{{ name|de }}`` → "d'Hazebrouck", "du Havre"; ``{{ name|a }}`` → "au Havre"; ``{{ day|long_date }}`` →
"1er décembre 2026"; ``{{ moment|long_date:"heure" }}`` → "1er décembre 2026 à 23 h 59" (in local time);
``{{ word|elide:next }}`` → "qu'elle". Names may be model instances (their ``str``)."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

from arobase.core import french

register = template.Library()


@register.filter(name="de")
def de_filter(name) -> str:
    return french.de(str(name)) if name not in (None, "") else ""


@register.filter(name="a")
def a_filter(name) -> str:
    return french.a(str(name)) if name not in (None, "") else ""


@register.filter
def elide(word, following) -> str:
    return french.elide(str(word), str(following))


@register.filter
def long_date(value, arg: str = "") -> str:
    """A date, a datetime or their ISO text (as JSON keeps them); anything else gives an empty text."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError:
            return ""
    if not isinstance(value, date):
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return french.long_date(value, with_time=arg == "heure")
