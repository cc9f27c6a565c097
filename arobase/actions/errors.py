"""Domain errors of actions: messages are in French, for the person who acts."""

from django.core.exceptions import PermissionDenied


class ActionError(Exception):
    """An operation on an action that cannot be done as asked; nothing was written.

    `field` names the field at fault (an Action field, or "links", "actors", "places", "images", "services",
    "shared_with") and `index` the position of the faulty item in a list, so that forms can show the message
    next to it.
    """

    def __init__(self, message: str, *, field: str | None = None, index: int | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.index = index

    def __str__(self) -> str:
        return self.message


class ActionPermissionDenied(ActionError, PermissionDenied):
    """The person may not do this on this action (views answer 403)."""


class StaleAction(ActionError):
    """Someone else changed the action since the form was shown (optimistic locking); nothing was written."""
