"""/histoire/: the timeline of the civic internet, its embed, pinning and moderation of milestones."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from arobase.accounts.models import AffiliationStatus
from arobase.accounts.permissions import is_staff
from arobase.core.caching import public_page
from arobase.label.selectors import published_results_version
from arobase.territories.models import Territory
from arobase.timeline import selectors, services
from arobase.timeline.errors import TimelineError
from arobase.timeline.models import Milestone
from arobase.www.timeline.forms import ModerationForm, PinForm, TimelineFilterForm


def _timeline_context(request, *, with_national: bool = False, territory_code: str = "") -> dict:
    form = TimelineFilterForm(request.GET or None)
    track, code = "", territory_code
    if form.is_valid():
        track = form.cleaned_data["track"]
        code = code or form.cleaned_data["territory"].strip()
    entries = selectors.timeline_entries(
        track=track, territory_code=code, with_national=with_national, labels_by_year=True
    )
    return {
        "form": form,
        "years": selectors.entries_by_year(entries),
        "count": len(entries),
        "track": track,
        "code": code,
    }


@require_GET
@public_page(published_results_version, selectors.milestones_version)
def timeline(request):
    return render(request, "timeline/timeline.html", _timeline_context(request))


@require_GET
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@public_page(published_results_version, selectors.milestones_version)
def embed(request, code: str):
    """The timeline of one collectivité within the national one, for its own site (any site may frame it)."""
    territory = selectors.territories_with_code(code).first()
    if territory is None:
        return render(request, "timeline/embed_unknown.html", {"code": code}, status=404)
    context = _timeline_context(request, with_national=True, territory_code=code)
    return render(request, "timeline/embed.html", {**context, "territory": territory})


def _member_territories(user):
    return Territory.objects.filter(affiliations__user=user, affiliations__status=AffiliationStatus.APPROVED).distinct()


@login_required
def pin(request):
    territories = _member_territories(request.user)
    if not territories.exists():
        raise PermissionDenied(_("Seuls les membres d'une collectivité peuvent épingler un repère."))
    form = PinForm(request.POST or None, request.FILES or None, territories=territories)
    if request.method == "POST" and form.is_valid():
        try:
            services.pin_milestone(actor=request.user, **form.cleaned_data)
        except TimelineError as error:
            if isinstance(error, PermissionDenied):
                raise
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, _("Merci : votre repère sera publié après relecture par l'équipe Villes Internet.")
            )
            return redirect("timeline:timeline")
    return render(request, "timeline/pin.html", {"form": form})


@login_required
def moderation(request):
    if not is_staff(request.user):
        raise PermissionDenied(_("Seule l'équipe Villes Internet modère les repères."))
    return render(
        request,
        "timeline/moderation.html",
        {"milestones": selectors.milestones_to_moderate()[:100]},
    )


@login_required
def moderate(request, pk: int):
    if request.method != "POST":
        return redirect("timeline:moderation")
    if not is_staff(request.user):
        raise PermissionDenied(_("Seule l'équipe Villes Internet modère les repères."))
    milestone = get_object_or_404(Milestone, pk=pk)
    form = ModerationForm(request.POST)
    if form.is_valid():
        try:
            services.moderate_milestone(
                actor=request.user,
                milestone=milestone,
                publish=form.cleaned_data["decision"] == "publish",
                reason=form.cleaned_data["reason"],
            )
        except TimelineError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Décision enregistrée."))
    else:
        messages.error(request, _("Choisissez de publier ou de refuser ce repère."))
    return redirect("timeline:moderation")
