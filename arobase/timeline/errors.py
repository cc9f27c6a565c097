"""Domain errors of the timeline; messages are in French, for the person who acts."""

from django.core.exceptions import PermissionDenied


class TimelineError(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class TimelinePermissionDenied(TimelineError, PermissionDenied):
    """Views answer 403."""
