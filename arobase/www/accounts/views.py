"""Thin views: forms in, services for writes, selectors for reads. `NotAllowed` (from the services) is a 403."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arobase.accounts import permissions, selectors, services
from arobase.accounts.errors import RuleViolation
from arobase.accounts.models import Affiliation, AffiliationRole, AffiliationStatus, User
from arobase.actions.selectors import expiring_actions_for_user
from arobase.atlaas.selectors import actions_version
from arobase.core.french import de
from arobase.core.urls_safety import safe_next_url
from arobase.mosaic.selectors import mosaic_panel
from arobase.territories.models import Territory
from arobase.www.accounts.forms import (
    AffiliationRequestForm,
    DecisionForm,
    ForeignTerritoryForm,
    JoinSearchForm,
    JurorAddForm,
    ReassignReferentForm,
)
from arobase.www.shortcuts import is_htmx


def staff_required(view):
    """Anonymous visitors go to the login page; signed-in people who are not staff get a 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not permissions.is_staff(request.user):
            raise PermissionDenied(_("Cette page est réservée à l'équipe Villes Internet."))
        return view(request, *args, **kwargs)

    return wrapper


def _redirect_back(request, default: str):
    return redirect(safe_next_url(request, default))


# --- Personal space ---------------------------------------------------------------------------------------


EXPIRING_SHOWN = 5


@require_GET
@login_required
def dashboard(request):
    dashboard = selectors.dashboard_for(request.user)
    context = {"dashboard": dashboard}
    territories = [membership.territory for membership in dashboard.memberships]
    if territories:
        expiring = expiring_actions_for_user(request.user)
        context["expiring_actions"] = list(expiring[:EXPIRING_SHOWN])
        context["expiring_count"] = expiring.count() if len(context["expiring_actions"]) == EXPIRING_SHOWN else None
        # The mosaïque of the chosen collectivité (?collectivite=<id>), else of the first one.
        requested = request.GET.get("collectivite", "")
        chosen = next((t for t in territories if str(t.pk) == requested), territories[0])
        context.update(
            {
                "mosaic_territories": territories,
                "mosaic_territory": chosen,
                "mosaic_panel": mosaic_panel(
                    territory=chosen,
                    year=request.GET.get("annee"),
                    prefix="ma-mosaique",
                    actions_version=actions_version,
                ),
                "mosaic_hidden": [("collectivite", chosen.pk)],
            }
        )
    return render(request, "accounts/dashboard.html", context)


@require_GET
@login_required
def join_search(request):
    form = JoinSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {
        "form": form,
        "query": query,
        "results": selectors.joinable_territories(query=query),
        "is_juror": request.user.is_juror,
    }
    template = "accounts/_join_results.html" if is_htmx(request) else "accounts/join_search.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@login_required
def join(request, kind: str, code: str):
    territory = get_object_or_404(Territory, kind=kind, code=code)
    context = {"territory": territory}
    if request.user.is_juror:
        context["refusal"] = _("Les membres du jury ne peuvent appartenir à aucune collectivité.")
        return render(request, "accounts/join_refused.html", context, status=403)
    try:
        services.check_territory_joinable(territory)
    except RuleViolation as error:
        context["refusal"] = error.message
        return render(request, "accounts/join_refused.html", context)
    existing = selectors.live_affiliation(user=request.user, territory=territory)
    if existing is not None:
        context["refusal"] = _("Vous avez déjà une demande en cours ou un rattachement à cette collectivité.")
        return render(request, "accounts/join_refused.html", context)

    form = AffiliationRequestForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            affiliation = services.request_affiliation(
                user=request.user,
                territory=territory,
                capacity=form.cleaned_data["capacity"],
                message=form.cleaned_data["message"],
                label_category=form.cleaned_data.get("label_category", ""),
            )
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            if affiliation.role == AffiliationRole.REFERENT:
                messages.success(
                    request,
                    _(
                        "Votre demande a été envoyée. %(name)s n'a pas encore de référent : l'équipe Villes Internet "
                        "va vérifier votre demande pour faire de vous son référent."
                    )
                    % {"name": territory.name},
                )
            else:
                messages.success(
                    request,
                    _("Votre demande a été envoyée au référent %(of_name)s.") % {"of_name": de(territory.name)},
                )
            return redirect("accounts:dashboard")
    context.update({"form": form, "referent": selectors.referent_of(territory)})
    return render(request, "accounts/join.html", context)


def _decide(request, pk: int, *, approve: bool):
    affiliation = get_object_or_404(Affiliation.objects.select_related("user", "territory"), pk=pk)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    service = services.approve_affiliation if approve else services.reject_affiliation
    try:
        service(actor=request.user, affiliation=affiliation, note=note)
    except RuleViolation as error:
        messages.error(request, error.message)
    else:
        text = (
            _("%(person)s a rejoint %(name)s.") if approve else _("La demande de %(person)s pour %(name)s est refusée.")
        )
        messages.success(request, text % {"person": affiliation.user, "name": affiliation.territory.name})
    return _redirect_back(request, reverse("accounts:dashboard"))


@require_POST
@login_required
def approve(request, pk: int):
    return _decide(request, pk, approve=True)


@require_POST
@login_required
def reject(request, pk: int):
    return _decide(request, pk, approve=False)


def _own_live_affiliation(request, pk: int) -> Affiliation:
    """The signed-in person's own current attachment or pending request: someone else's is a 403, an ended one
    a 404."""
    affiliation = get_object_or_404(Affiliation.objects.select_related("territory", "user"), pk=pk)
    if not permissions.can_leave_affiliation(request.user, affiliation):
        raise PermissionDenied(_("Vous ne pouvez quitter que vos propres collectivités."))
    if affiliation.status not in (AffiliationStatus.PENDING, AffiliationStatus.APPROVED):
        raise Http404
    return affiliation


@require_http_methods(["GET", "POST"])
@login_required
def leave(request, pk: int):
    """GET: what leaving means, and a confirmation button (or, for a référent with members, why they must hand
    over first). POST: leave or withdraw the request."""
    affiliation = _own_live_affiliation(request, pk)
    must_hand_over = services.must_hand_over_before_leaving(affiliation)
    if request.method == "GET":
        context = {"affiliation": affiliation, "territory": affiliation.territory, "must_hand_over": must_hand_over}
        return render(request, "accounts/leave.html", context)
    was_pending = affiliation.status == AffiliationStatus.PENDING
    try:
        services.leave_affiliation(actor=request.user, affiliation=affiliation)
    except RuleViolation as error:
        messages.error(request, error.message)
        return redirect("accounts:leave", pk=affiliation.pk)
    text = _("Votre demande pour %(name)s est retirée.") if was_pending else _("Vous avez quitté %(name)s.")
    messages.success(request, text % {"name": affiliation.territory.name})
    return redirect("accounts:dashboard")


@require_http_methods(["GET", "POST"])
@login_required
def hand_over(request, pk: int):
    """The référent chooses another member of the collectivité as référent (`pk`: the référent's affiliation)."""
    affiliation = _own_live_affiliation(request, pk)
    territory = affiliation.territory
    if not affiliation.is_referent:
        raise Http404
    members = selectors.members_of(territory).exclude(pk=affiliation.pk)
    form = ReassignReferentForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            chosen = services.hand_over_referent(actor=request.user, affiliation=form.cleaned_data["affiliation"])
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(person)s est désormais référent %(of_name)s. Vous pouvez maintenant quitter la collectivité.")
                % {"person": chosen.user, "of_name": de(territory.name)},
            )
            return redirect("accounts:leave", pk=affiliation.pk)
    context = {"affiliation": affiliation, "territory": territory, "members": members, "form": form}
    return render(request, "accounts/hand_over.html", context)


# --- Staff ------------------------------------------------------------------------------------------------


@require_GET
@staff_required
def staff_home(request):
    form = JoinSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {
        "form": form,
        "query": query,
        "results": selectors.joinable_territories(query=query),
        "pending_count": selectors.requests_awaiting_staff().count(),
    }
    return render(request, "accounts/staff/home.html", context)


@require_GET
@staff_required
def staff_requests(request):
    return render(request, "accounts/staff/requests.html", {"requests": selectors.requests_awaiting_staff()})


@require_http_methods(["GET", "POST"])
@staff_required
def staff_members(request, pk: int):
    territory = get_object_or_404(Territory, pk=pk)
    members = selectors.members_of(territory)
    form = ReassignReferentForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            affiliation = services.reassign_referent(actor=request.user, affiliation=form.cleaned_data["affiliation"])
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(person)s est désormais référent %(of_name)s.")
                % {"person": affiliation.user, "of_name": de(territory.name)},
            )
            return redirect("accounts:staff_members", pk=territory.pk)
    return render(request, "accounts/staff/members.html", {"territory": territory, "members": members, "form": form})


@require_http_methods(["GET", "POST"])
@staff_required
def staff_foreign_add(request):
    form = ForeignTerritoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            territory = services.create_foreign_territory(actor=request.user, **form.cleaned_data)
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s est ajoutée (code %(code)s), évaluée hors concours.")
                % {"name": territory.name, "code": territory.code},
            )
            return redirect("accounts:staff_home")
    return render(request, "accounts/staff/foreign_add.html", {"form": form})


@require_http_methods(["GET", "POST"])
@staff_required
def staff_jury(request):
    form = JurorAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if user is None:
            form.add_error(
                "email", _("Aucun compte n'utilise cette adresse : la personne doit d'abord créer un compte.")
            )
        else:
            try:
                services.set_juror(actor=request.user, user=user, is_juror=True)
            except RuleViolation as error:
                form.add_error("email", error.message)
            else:
                messages.success(request, _("%(person)s est membre du jury.") % {"person": user})
                return redirect("accounts:staff_jury")
    return render(request, "accounts/staff/jury.html", {"form": form, "jurors": selectors.jurors()})


@require_POST
@staff_required
def staff_set_juror(request, pk: int):
    user = get_object_or_404(User, pk=pk)
    is_juror = request.POST.get("is_juror") == "1"
    try:
        services.set_juror(actor=request.user, user=user, is_juror=is_juror)
    except RuleViolation as error:
        messages.error(request, error.message)
    else:
        text = _("%(person)s est membre du jury.") if is_juror else _("%(person)s ne fait plus partie du jury.")
        messages.success(request, text % {"person": user})
    return redirect("accounts:staff_jury")
