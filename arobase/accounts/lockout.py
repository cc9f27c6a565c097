"""What django-axes locks on: the pair (account, client address), the account read from any login form."""


def login_username(request, credentials: dict | None) -> str | None:
    """The account an attempt targets: allauth authenticates with `email`, Django's forms with `username`, and
    the posted login form calls it `login`. Lowercased, as emails are, so that case changes count as one account."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        value = request.POST.get("login") or request.POST.get("username")
    return str(value).strip().lower() if value else None
