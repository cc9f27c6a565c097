"""The notifications page, the preferences page and the one-click unsubscribe endpoint (RFC 8058)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arobase.core.urls_safety import safe_next_url
from arobase.notifications import selectors, services
from arobase.notifications.errors import InvalidUnsubscribeToken
from arobase.notifications.models import Notification
from arobase.notifications.rules import KINDS
from arobase.notifications.tokens import read_unsubscribe_token
from arobase.www.notifications.forms import PreferencesForm

PAGE_SIZE = 30


@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page, "kinds": KINDS})


@require_GET
def unread_count(request):
    """The header's badge (an htmx fragment): empty for anonymous visitors or without unread notifications."""
    count = selectors.unread_count(request.user) if request.user.is_authenticated else 0
    return render(request, "notifications/_unread_count.html", {"count": count})


@require_GET
@login_required
def open_notification(request, pk: int):
    """Marks the notification read and goes to what it is about (a link: marking read is harmless to repeat)."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_read(actor=request.user, notification=notification)
    return redirect(notification.url)


@require_POST
@login_required
def mark_read(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_read(actor=request.user, notification=notification)
    return redirect(safe_next_url(request, "notifications:list"))


@require_POST
@login_required
def mark_all_read(request):
    count = services.mark_all_read(actor=request.user)
    messages.success(request, _("%(count)s notification(s) marquée(s) comme lue(s).") % {"count": count})
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, deliveries=selectors.deliveries_for(request.user))
    if request.method == "POST" and form.is_valid():
        services.set_preferences(actor=request.user, deliveries=form.cleaned_data)
        messages.success(request, _("Vos préférences de notification sont enregistrées."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def _invalid_link(request, error: InvalidUnsubscribeToken):
    return render(request, "notifications/unsubscribe_invalid.html", {"error": str(error)}, status=400)


# Mail clients post the RFC 8058 one-click request without any session or CSRF token: the signed token is the proof.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        unsubscribe_request = read_unsubscribe_token(token)
    except InvalidUnsubscribeToken as error:
        return _invalid_link(request, error)
    labels = [KINDS[code].label for code in KINDS if code == unsubscribe_request.kind]
    if request.method == "GET":
        return render(
            request,
            "notifications/unsubscribe.html",
            {"token": token, "labels": labels, "is_digest": not labels},
        )
    try:
        kinds = services.unsubscribe(token=token)
    except InvalidUnsubscribeToken as error:
        return _invalid_link(request, error)
    return render(request, "notifications/unsubscribed.html", {"labels": [KINDS[code].label for code in kinds]})
