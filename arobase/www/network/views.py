"""Articles and events of the network, the national day page, moderation, and the collectivité page fragment."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arobase.accounts.models import AffiliationStatus
from arobase.accounts.permissions import is_staff
from arobase.core.spreadsheet import SafeWriter
from arobase.label.models import Campaign
from arobase.label.palmares.selectors import palmares_is_public
from arobase.network import rules, selectors, services
from arobase.network.calendar import event_calendar
from arobase.network.errors import NetworkError
from arobase.network.models import Article, ArticleKind, Event, EventKind, Status
from arobase.territories.models import Territory
from arobase.timeline.selectors import milestones_of
from arobase.www.network.forms import ArticleForm, EventForm, ListFilterForm, ModerationForm, RegistrationForm

PAGE_SIZE = 20


def _filters(request, kinds) -> tuple[ListFilterForm, dict]:
    form = ListFilterForm(request.GET or None, kinds=kinds)
    if form.is_valid():
        return form, dict(form.cleaned_data)
    return form, {"theme": "", "region": "", "kind": ""}


def _page(request, items):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def article_list(request):
    form, filters = _filters(request, ArticleKind.choices)
    articles = selectors.published_articles(**filters)
    return render(
        request,
        "network/article_list.html",
        {"form": form, "page": _page(request, articles), "query": _query_without_page(request)},
    )


@require_GET
def event_list(request):
    form, filters = _filters(request, EventKind.choices)
    past = request.GET.get("passes") == "1"
    events = selectors.published_events(**filters, upcoming_at=None if past else timezone.now())
    if past:
        events = events.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-id")
    return render(
        request,
        "network/event_list.html",
        {"form": form, "page": _page(request, events), "query": _query_without_page(request), "past": past},
    )


@require_GET
def article_detail(request, pk: int, slug: str):
    article = selectors.visible_article(request.user, pk)
    if article is None:
        raise Http404(_("Cet article n'existe pas ou n'est pas publié."))
    if slug != article.slug:
        return redirect(article, permanent=True)
    return render(
        request,
        "network/article_detail.html",
        {
            "article": article,
            "themes": article.themes.all(),
            "may_edit": selectors.may_edit(request.user, article),
        },
    )


def _visible_event_or_404(request, pk: int) -> Event:
    event = selectors.visible_event(request.user, pk)
    if event is None:
        raise Http404(_("Cet événement n'existe pas ou n'est pas publié."))
    return event


def _event_context(request, event: Event) -> dict:
    starts, ends = rules.local_times(event.starts_at, event.ends_at, event.time_zone)
    registration = selectors.registration_of(request.user, event)
    return {
        "event": event,
        "local_starts": starts,
        "local_ends": ends,
        "themes": event.themes.all(),
        "may_edit": selectors.may_edit(request.user, event),
        "registration": registration,
        "registration_open": rules.registration_is_open(
            enabled=event.registration_enabled,
            published=event.status == Status.PUBLISHED,
            starts_at=event.starts_at,
            now=timezone.now(),
        ),
        "full": rules.is_full(max_participants=event.max_participants, registered=event.registered),
        "registration_form": RegistrationForm(),
        "may_see_registrations": selectors.may_see_registrations(request.user, event),
    }


@require_GET
def event_detail(request, pk: int, slug: str):
    event = _visible_event_or_404(request, pk)
    if slug != event.slug:
        return redirect(event, permanent=True)
    return render(request, "network/event_detail.html", _event_context(request, event))


@require_GET
def event_ics(request, pk: int, slug: str):
    event = _visible_event_or_404(request, pk)
    if event.status != Status.PUBLISHED:
        raise Http404
    response = HttpResponse(event_calendar([event], request=request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evenement-{event.pk}.ics"'
    return response


@login_required
@require_POST
def event_register(request, pk: int):
    event = _visible_event_or_404(request, pk)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez à quel titre vous venez."))
        return redirect(event)
    try:
        services.register(actor=request.user, event=event, capacity=form.cleaned_data["capacity"])
    except NetworkError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Vous êtes inscrit ou inscrite. Ajoutez l'événement à votre agenda."))
    return redirect(event)


@login_required
@require_POST
def event_unregister(request, pk: int):
    event = _visible_event_or_404(request, pk)
    try:
        services.unregister(actor=request.user, event=event)
    except NetworkError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Votre inscription est annulée."))
    return redirect(event)


@login_required
@require_GET
def event_registrations_csv(request, pk: int):
    event = _visible_event_or_404(request, pk)
    if not selectors.may_see_registrations(request.user, event):
        raise PermissionDenied(_("Seuls les organisateurs voient la liste des inscrits."))
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    writer.writerow(["nom", "prénom", "courriel", "à titre de", "inscrit le"])
    for registration in selectors.registrations_of(event):
        user = registration.user
        writer.writerow(
            [
                user.last_name,
                user.first_name,
                user.email,
                registration.get_capacity_display(),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inscrits-evenement-{event.pk}.csv"'
    return response


def _member_territories(user):
    return Territory.objects.filter(affiliations__user=user, affiliations__status=AffiliationStatus.APPROVED).distinct()


def _proposal_page(request, *, model, form_class, template: str, item=None):
    territories = _member_territories(request.user)
    if item is not None:
        if not selectors.may_edit(request.user, item):
            raise PermissionDenied(_("Vous ne pouvez modifier que vos propres propositions, avant leur publication."))
        territories = Territory.objects.filter(pk=item.territory_id)
    elif not territories.exists():
        raise PermissionDenied(_("Seuls les membres d'une collectivité peuvent proposer un article ou un événement."))
    initial = _initial(item) if item is not None else None
    form = form_class(request.POST or None, initial=initial, territories=territories)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        territory = data.pop("territory")
        try:
            if item is None:
                propose = services.propose_article if model is Article else services.propose_event
                item = propose(actor=request.user, territory=territory, **data)
                messages.success(request, _("Merci : votre proposition sera publiée après relecture par l'équipe."))
            else:
                edit = services.edit_article if model is Article else services.edit_event
                item = edit(actor=request.user, **{model._meta.model_name: item}, **data)
                messages.success(request, _("Modifications enregistrées."))
        except NetworkError as error:
            if isinstance(error, PermissionDenied):
                raise
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect(item)
    return render(request, template, {"form": form, "item": item})


def _initial(item) -> dict:
    initial = {"territory": item.territory, "themes": list(item.themes.all()), "kind": item.kind, "title": item.title}
    if isinstance(item, Article):
        return {**initial, "summary": item.summary, "body": item.body}
    starts, ends = rules.local_times(item.starts_at, item.ends_at, item.time_zone)
    return {
        **initial,
        "description": item.description,
        "starts_at": starts.replace(tzinfo=None),
        "ends_at": ends.replace(tzinfo=None),
        "time_zone": item.time_zone,
        "place_name": item.place_name,
        "address": item.address,
        "online_url": item.online_url,
        "registration_enabled": item.registration_enabled,
        "max_participants": item.max_participants,
    }


@login_required
def article_propose(request):
    return _proposal_page(request, model=Article, form_class=ArticleForm, template="network/article_form.html")


@login_required
def article_edit(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    return _proposal_page(
        request, model=Article, form_class=ArticleForm, template="network/article_form.html", item=article
    )


@login_required
def event_propose(request):
    return _proposal_page(request, model=Event, form_class=EventForm, template="network/event_form.html")


@login_required
def event_edit(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    return _proposal_page(request, model=Event, form_class=EventForm, template="network/event_form.html", item=event)


@login_required
@require_GET
def my_proposals(request):
    articles, events = selectors.proposals_of(request.user)
    return render(request, "network/my_proposals.html", {"articles": articles[:100], "events": events[:100]})


@login_required
def moderation(request):
    if not is_staff(request.user):
        raise PermissionDenied(_("Seule l'équipe Villes Internet modère les propositions."))
    return render(
        request,
        "network/moderation.html",
        {"articles": selectors.articles_to_moderate()[:100], "events": selectors.events_to_moderate()[:100]},
    )


@login_required
@require_POST
def moderate(request, kind: str, pk: int):
    if not is_staff(request.user):
        raise PermissionDenied(_("Seule l'équipe Villes Internet modère les propositions."))
    model = {"article": Article, "evenement": Event}.get(kind)
    if model is None:
        raise Http404
    item = get_object_or_404(model, pk=pk)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez de publier ou de refuser cette proposition."))
        return redirect("network:moderation")
    try:
        services.moderate(
            actor=request.user,
            item=item,
            publish=form.cleaned_data["decision"] == "publish",
            reason=form.cleaned_data["reason"],
        )
    except NetworkError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Décision enregistrée."))
    return redirect("network:moderation")


@require_GET
def national_day(request):
    event = selectors.national_day()
    context = {"event": event}
    if event is not None:
        context.update(_event_context(request, selectors.visible_event(request.user, event.pk)))
        context["programme"] = selectors.national_programme(event)
        # The campaign whose ceremony this is (else the latest); its palmarès is linked only once the label's own
        # rule makes it public.
        campaign = (
            Campaign.objects.filter(ceremony_at__date__range=(event.starts_at.date(), event.ends_at.date())).first()
            or Campaign.objects.order_by("-year").first()
        )
        context["palmares_year"] = campaign.year if campaign and palmares_is_public(campaign.year) else None
    return render(request, "network/national_day.html", context)


@require_GET
def territory_fragment(request, kind: str, code: str):
    """Published articles, events and milestones of a collectivité, loaded into its page."""
    territory = get_object_or_404(Territory, kind=kind, code=code)
    return render(
        request,
        "network/_territory_fragment.html",
        {
            "territory": territory,
            "articles": selectors.articles_of(territory)[:5],
            "events": selectors.events_of(territory)[:5],
            "milestones": milestones_of(territory)[:10],
        },
    )
