"""The evaluation of the label by the candidates of a campaign, and its summary for staff."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from arobase.label.campaigns import selectors as campaign_selectors
from arobase.label.errors import LabelError
from arobase.label.evaluation import selectors as evaluation_selectors
from arobase.label.evaluation import services as evaluation_services
from arobase.label.models import Campaign
from arobase.www.label.evaluation.forms import EvaluationForm

# --- Evaluation ------------------------------------------------------------------------------------------------


@login_required
def evaluation_form(request, year: int):
    campaign = campaign_or_404(year)
    if not evaluation_selectors.can_answer(request.user, campaign):
        raise PermissionDenied
    existing = evaluation_selectors.response_of(request.user, campaign)
    initial = None
    if existing is not None:
        initial = {f"q_{key}": value for key, value in existing.ratings.items()} | {"suggestions": existing.suggestions}
    form = EvaluationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                evaluation_services.submit_evaluation(
                    actor=request.user,
                    campaign=campaign,
                    ratings=form.ratings(),
                    suggestions=form.cleaned_data["suggestions"],
                )
                messages.success(request, _("Merci pour votre évaluation du label !"))
                return redirect("label:evaluation", year=year)
            except LabelError as error:
                form.add_error(None, error.message)
        status = 400
    return render(
        request, "label/evaluation/form.html", {"campaign": campaign, "form": form, "existing": existing}, status=status
    )


@login_required
@require_GET
def evaluation_summary(request, year: int):
    campaign = campaign_or_404(year)
    if not evaluation_selectors.can_see_summary(request.user):
        raise PermissionDenied
    return render(request, "label/evaluation/summary.html", {"summary": evaluation_selectors.summary(campaign)})


def campaign_or_404(year: int) -> Campaign:
    campaign = campaign_selectors.campaign_by_year(year)
    if campaign is None:
        raise Http404
    return campaign
