from datetime import timedelta

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration_in_words(value) -> str:
    """A lockout duration in French words: "15 minutes", "1 heure", "1 heure et 30 minutes"."""
    if not isinstance(value, timedelta):
        return ""
    total_minutes = max(1, round(value.total_seconds() / 60))
    hours, minutes = divmod(total_minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)d heure", "%(count)d heures", hours) % {"count": hours})
    if minutes:
        parts.append(ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes})
    return " et ".join(parts)
