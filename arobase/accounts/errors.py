"""Domain errors of accounts and affiliations; their messages are French and meant for the user."""

from django.core.exceptions import PermissionDenied


class NotAllowed(PermissionDenied):
    """The actor may not do this; views turn it into a 403 response."""


class RuleViolation(Exception):
    """The action is allowed in principle but breaks a rule of the label (shown to the user as is)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)
