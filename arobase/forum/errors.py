class ForumError(Exception):
    """Base of the domain errors of the space; the message is French and shown as is."""


class NotAllowed(ForumError):
    """The person may not do this (403)."""


class RuleViolation(ForumError):
    """The request breaks a rule of the space (400): a closed thread, a second vote…"""
