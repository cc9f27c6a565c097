"""The base of the domain errors of apps whose forms show the message beside the field at fault."""


class DomainError(Exception):
    """An operation that cannot be done as asked; nothing was written. The message is French, for the person who
    acts, and `field` names the form field it concerns, if any."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
