"""Domain errors of articles and events; messages are in French, for the person who acts."""

from django.core.exceptions import PermissionDenied

from arobase.core.errors import DomainError


class NetworkError(DomainError):
    pass


class NetworkPermissionDenied(NetworkError, PermissionDenied):
    """Views answer 403."""
