class NotificationError(Exception):
    """Base of the domain errors of notifications; the message is French and shown as is."""


class UnknownKind(NotificationError):
    pass


class InvalidTarget(NotificationError):
    pass


class InvalidUnsubscribeToken(NotificationError):
    pass


class NotAllowed(NotificationError):
    pass
