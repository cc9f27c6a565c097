"""The security log (OWASP ASVS V16): one line per security event on the `arobase.security` logger.

Each line says what happened, to which account (its id, never its email), from which client address and on
which path. Passwords, codes and full email addresses are never written: a login that matches no account is
recorded with a masked address (`c***@example.org`).
"""

import logging

logger = logging.getLogger("arobase.security")


def client_address(request) -> str:
    """The client's address as django-axes sees it (behind `AXES_PROXY_COUNT` proxies, through django-ipware)."""
    # Imported here: this module is loaded with the logging configuration, before the apps.
    from axes.helpers import get_client_ip_address

    if request is None:
        return "-"
    return get_client_ip_address(request) or "-"


def masked_email(value: str | None) -> str:
    """Enough to correlate attempts on one address without writing the address itself."""
    value = (value or "").strip().lower()
    local, at, domain = value.rpartition("@")
    if not at:
        return "***" if value else "-"
    return f"{local[:1]}***@{domain}"


def log_event(event: str, request, *, user_id: int | None = None, level: int = logging.WARNING, **details) -> None:
    fields = {
        "event": event,
        "user_id": user_id if user_id is not None else "-",
        "ip": client_address(request),
        "path": getattr(request, "path", "-"),
        **details,
    }
    logger.log(
        level,
        " ".join(f"{name}={value}" for name, value in fields.items()),
        extra={"security_event": event, "security_fields": fields},
    )


class PermissionDeniedWithoutTraceback(logging.Filter):
    """Django logs every PermissionDenied on `django.request` with its stack trace; a refusal is an ordinary
    outcome, recorded once on the security log by `SecurityLogMiddleware`, so the traceback is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
