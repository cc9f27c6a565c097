from functools import cache

from arobase.notifications.selectors import unread_count


def unread_notifications(request):
    """The header's unread count: one query, and only if a signed-in page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications_count": cache(lambda: unread_count(user))}
