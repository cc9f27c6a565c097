"""Domain errors of the timeline; messages are in French, for the person who acts."""

from django.core.exceptions import PermissionDenied

from arobase.core.errors import DomainError


class TimelineError(DomainError):
    pass


class TimelinePermissionDenied(TimelineError, PermissionDenied):
    """Views answer 403."""
