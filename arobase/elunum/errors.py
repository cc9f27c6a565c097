"""Errors of Elunum's services, each with a French message for the pages."""


class ElunumError(Exception):
    message = "Opération impossible."

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message)
        self.message = message or self.message


class PermissionDenied(ElunumError):
    message = "Cette opération est réservée à l'équipe de l'association."


class InvalidSource(ElunumError):
    message = "Cette source n'est pas valide."
