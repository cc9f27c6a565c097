"""Domain errors of the label; messages are French and meant for the person who acts."""

from django.core.exceptions import PermissionDenied


class LabelError(Exception):
    """The operation cannot be done as asked; nothing was written."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class LabelNotAllowed(LabelError, PermissionDenied):
    """The actor may not do this (views answer 403)."""


class StaleCandidacy(LabelError):
    """The dossier was changed by someone else since the form was displayed (optimistic locking)."""
