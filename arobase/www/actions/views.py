"""Pages of actions: thin views over forms, selectors and services."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arobase.actions import permissions, selectors, services
from arobase.actions.errors import ActionError, StaleAction
from arobase.actions.geocoding import GeocoderUnavailable, get_geocoder
from arobase.actions.models import Action
from arobase.core.urls_safety import safe_next_url
from arobase.referential.models import ReferentialEdition
from arobase.territories.models import Territory, TerritoryKind
from arobase.www.actions.forms import (
    FORMSETS,
    ActionForm,
    UnpublishForm,
    to_actor_data,
    to_image_data,
    to_link_data,
    to_place_data,
)
from arobase.www.shortcuts import query_without


def _editable_action(request, pk: int) -> Action:
    """The action if the person may edit it; 404 when they may not even see it, 403 when they may only see it."""
    action = selectors.action_for_page(pk)
    if action is None or not permissions.can_view_action(request.user, action):
        raise Http404
    if not permissions.can_edit_action(request.user, action):
        raise PermissionDenied
    return action


MY_ACTIONS_PER_PAGE = 20


@login_required
def my_actions(request):
    """The actions of the person's collectivités by state; each list has its own pages (a big city has
    hundreds of actions)."""
    today = timezone.localdate()
    user = request.user
    sections = {
        "expiring": ("page_a_confirmer", selectors.expiring_actions_for_user(user, today=today)),
        "expired": ("page_anciennes", selectors.expired_actions_for_user(user, today=today)),
        "unpublished": ("page_depubliees", selectors.unpublished_actions_for_user(user)),
        "drafts": ("page_brouillons", selectors.drafts_for_user(user)),
        "published": ("page", selectors.published_actions_for_user(user)),
        "shared": ("page_partagees", selectors.shared_actions_for_user(user)),
    }
    context = {
        "territories": list(selectors.user_territories(user)),
        "label_year": services.rules.next_label_year(today),
    }
    for name, (parameter, actions) in sections.items():
        page = Paginator(actions, MY_ACTIONS_PER_PAGE).get_page(request.GET.get(parameter))
        for action in page.object_list:
            action.current_standing = action.standing(today)
        context[name] = page
        context[f"{name}_pages"] = {"page": page, "parameter": parameter, "query": query_without(request, parameter)}
    return render(request, "actions/my_actions.html", context)


def _partner_choices(owners: QuerySet[Territory], action: Action | None) -> QuerySet[Territory]:
    """Partners offered as checkboxes: the EPCI of the owner communes, the communes of an owner EPCI, and the
    current partners."""
    owner_ids = [action.owner_id] if action else list(owners.values_list("pk", flat=True))
    epci_ids = Territory.objects.filter(pk__in=owner_ids, epci__isnull=False).values("epci_id")
    condition = Q(pk__in=epci_ids) | Q(epci_id__in=owner_ids, kind=TerritoryKind.COMMUNE, is_obsolete=False)
    if action is not None:
        condition |= Q(pk__in=action.shared_with.values("pk"))
    return Territory.objects.filter(condition).exclude(pk__in=owner_ids).order_by("kind", "name")


def _action_form_page(request, action: Action | None):
    user = request.user
    if action is None:
        owners = selectors.user_territories(user)
        requested = request.GET.get("collectivite") or request.POST.get("owner")
        if permissions.is_moderator(user) and requested and str(requested).isdigit():
            owners = Territory.objects.filter(pk__in=[*owners.values_list("pk", flat=True), int(requested)])
        if not owners.exists():
            return render(request, "actions/no_territory.html", status=403)
        try:
            edition = selectors.current_edition()
        except ReferentialEdition.DoesNotExist:
            raise Http404 from None
    else:
        owners = Territory.objects.filter(pk=action.owner_id)
        edition = action.edition
    partner_choices = _partner_choices(owners, action)
    revision = selectors.pending_revision(action) if action is not None else None
    # A mutable copy: after a refused stale save, the form shows the person's input with the current version.
    data = request.POST.copy() if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    initial = None
    if action is not None:
        initial = {
            "title": action.title,
            "summary": action.summary,
            "what_was_done": action.what_was_done,
            "results": action.results,
            "benefits": action.benefits,
            "status": action.status,
            "start_date": action.start_date,
            "end_date": action.end_date,
            "services": [s.pk for s in action.services.all()],
            "shared_with": [t.pk for t in action.shared_with.all() if t in partner_choices],
            "partner_codes": ", ".join(t.code for t in action.shared_with.all() if t not in partner_choices),
            "version": action.version,
        }
        if revision is not None:
            state = revision.data
            shared = Territory.objects.filter(pk__in=state["shared_with"])
            initial.update(state["fields"])
            initial["services"] = state["services"]
            initial["shared_with"] = [t.pk for t in shared if t in partner_choices]
            initial["partner_codes"] = ", ".join(t.code for t in shared if t not in partner_choices)
    form = ActionForm(
        data, owners=owners, edition=edition, partner_choices=partner_choices, action=action, initial=initial
    )
    instance = action or Action()
    formsets = _formsets(data, files, instance, revision)
    errors: list[SummaryError] = []
    changes_meanwhile = []

    if request.method == "POST":
        intent = request.POST.get("intent", "draft")
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            partners, unknown = selectors.territories_by_codes(form.partner_code_list())
            if unknown:
                form.add_error(
                    "partner_codes",
                    _("Collectivités introuvables : %(codes)s.") % {"codes": ", ".join(unknown)},
                )
            else:
                publish = intent == "publish"
                kwargs = {
                    "actor": user,
                    "data": form.to_data(),
                    "services": list(form.cleaned_data["services"]),
                    "shared_with": [*form.cleaned_data["shared_with"], *partners],
                    "links": to_link_data(formsets["links"]),
                    "actors": to_actor_data(formsets["actors"]),
                    "places": to_place_data(formsets["places"]),
                    "images": to_image_data(formsets["images"]),
                }
                try:
                    if action is None:
                        saved = services.create_action(
                            owner=form.cleaned_data["owner"], edition=edition, publish=publish, **kwargs
                        )
                    elif action.is_published and not publish:
                        services.save_revision(action=action, version=form.cleaned_data["version"], **kwargs)
                        saved = action
                    else:
                        saved = services.update_action(
                            action=action,
                            publish=publish and not action.is_published,
                            version=form.cleaned_data["version"],
                            replaces_revision=True,
                            **kwargs,
                        )
                except StaleAction as error:
                    form.add_error(None, error.message)
                    changes_meanwhile = selectors.changes_since(action, form.cleaned_data["version"] or 0)
                    action.refresh_from_db(fields=["version"])
                    data["version"] = str(action.version)
                except ActionError as error:
                    _attach_error(error, form, formsets)
                else:
                    if intent == "preview":
                        return redirect(f"{saved.get_absolute_url()}?apercu=1")
                    if action is not None and action.is_published and not publish:
                        messages.success(
                            request,
                            _(
                                "Le brouillon des modifications est enregistré : la version publiée reste "
                                "visible jusqu'à leur publication."
                            ),
                        )
                    elif saved.is_published:
                        messages.success(request, _("L'action est publiée et à jour."))
                    else:
                        messages.success(
                            request,
                            _("Le brouillon est enregistré : il n'est visible que par les membres de la collectivité."),
                        )
                    return redirect(saved.get_absolute_url())
        errors = _error_summary(form, formsets)

    tree = selectors.edition_with_tree(edition)
    selected = {str(value) for value in (form["services"].value() or [])}
    open_themes = {
        theme.pk
        for theme in tree.themes.all()
        for enjeu in theme.enjeux.all()
        for service in enjeu.services.all()
        if str(service.pk) in selected
    }
    context = {
        "action": action,
        "revision": revision,
        "form": form,
        "formsets": formsets,
        "edition": tree,
        "selected_services": selected,
        "open_themes": open_themes,
        "errors": errors,
        "changes_meanwhile": changes_meanwhile,
        "picker_centre": action.owner if action is not None else _chosen_owner(form, owners),
        "has_uploads": request.method == "POST" and bool(request.FILES),
    }
    return render(request, "actions/form.html", context, status=400 if errors else 200)


def _chosen_owner(form, owners: QuerySet[Territory]) -> Territory | None:
    """The collectivité the new action is for (the one chosen, else the first offered): the place picker's map
    opens on its centre."""
    chosen = form["owner"].value()
    territory = owners.filter(pk=chosen).first() if str(chosen or "").isdigit() else None
    return territory or owners.order_by("name").first()


def _formsets(data, files, instance: Action, revision) -> dict:
    """The children's formsets; for a published action with a draft, filled from the draft (existing children
    it keeps, with its values, then the new ones)."""
    if revision is None or data is not None:
        return {name: cls(data, files, instance=instance, prefix=name) for name, cls in FORMSETS.items()}
    formsets = {}
    for name, cls in FORMSETS.items():
        items = revision.data[name]
        kept = {item["id"]: item for item in items if item["id"] is not None}
        new = [
            {key: value for key, value in item.items() if key not in ("id", "file")}
            for item in items
            if item["id"] is None and name != "images"
        ]
        queryset = cls.model.objects.filter(action=instance, pk__in=kept)
        formset = cls(instance=instance, prefix=name, queryset=queryset, initial=new)
        formset.extra = len(new) + 1
        for form in formset.initial_forms:
            form.initial.update({k: v for k, v in kept[form.instance.pk].items() if k not in ("id", "file")})
        formsets[name] = formset
    return formsets


def _attach_error(error: ActionError, form, formsets) -> None:
    if error.field in formsets and error.index is not None:
        kept = [
            f
            for f in formsets[error.field].forms
            if not f.cleaned_data.get("DELETE") and (f.instance.pk is not None or f.has_changed())
        ]
        if error.index < len(kept):
            kept[error.index].add_error(None, error.message)
            return
    if error.field in form.fields:
        form.add_error(error.field, error.message)
    else:
        form.add_error(None, error.message)


@dataclass(frozen=True)
class SummaryError:
    message: str
    anchor: str  # the id of the field to go to from the error summary


def _error_summary(form, formsets) -> list[SummaryError]:
    errors = []
    for name, field_errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        anchor = "services" if name == "services" else (form[name].id_for_label if name in form.fields else "")
        errors.extend(SummaryError(f"{label} : {message}" if label else message, anchor) for message in field_errors)
    titles = {"links": _("Liens"), "actors": _("Acteurs"), "places": _("Lieux"), "images": _("Images")}
    for name, formset in formsets.items():
        errors.extend(
            SummaryError(f"{titles[name]} : {message}", f"fieldset-{name}") for message in formset.non_form_errors()
        )
        for index, form_errors in enumerate(formset.errors):
            subform = formset.forms[index]
            for field_name, messages_ in form_errors.items():
                field = subform.fields.get(field_name)
                prefix = f"{titles[name]} n°{index + 1}"
                anchor = f"fieldset-{name}"
                if field is not None:
                    prefix = f"{prefix}, {field.label}"
                    anchor = subform[field_name].id_for_label or anchor
                errors.extend(SummaryError(f"{prefix} : {message}", anchor) for message in messages_)
    return errors


@login_required
def action_create(request):
    return _action_form_page(request, None)


def action_edit(request, pk: int):
    return _action_form_page(request, _editable_action(request, pk))


def action_detail(request, pk: int):
    action = selectors.visible_action(pk, request.user)
    if action is None:
        raise Http404
    can_edit = permissions.can_edit_action(request.user, action)
    revision = selectors.pending_revision(action) if can_edit else None
    preview = can_edit and request.GET.get("apercu") == "1"
    context = {
        "action": selectors.action_with_revision(action, revision) if preview and revision else action,
        "revision": revision,
        "can_edit": can_edit,
        "can_moderate": permissions.can_moderate_action(request.user, action),
        "can_unpublish": permissions.can_unpublish_action(request.user, action),
        "preview": preview,
        "unpublish_form": UnpublishForm(),
    }
    return render(request, "actions/detail.html", context)


def action_history(request, pk: int):
    action = selectors.action_for_page(pk)
    if action is None or not permissions.can_view_action(request.user, action):
        raise Http404
    if not permissions.can_view_history(request.user, action):
        raise PermissionDenied
    return render(request, "actions/history.html", {"action": action, "entries": selectors.action_history(action)})


def _run(request, pk: int, operation, success: str, **kwargs):
    action = selectors.action_for_page(pk)
    if action is None or not permissions.can_view_action(request.user, action):
        raise Http404
    try:
        operation(actor=request.user, action=action, **kwargs)
    except ActionError as error:
        if isinstance(error, PermissionDenied):
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(safe_next_url(request, action.get_absolute_url()))


def _publish(*, actor, action: Action) -> Action:
    """Publish a draft, or the draft of the changes of a published action."""
    if action.is_published:
        return services.publish_revision(actor=actor, action=action)
    return services.publish_action(actor=actor, action=action)


@require_POST
def action_publish(request, pk: int):
    return _run(request, pk, _publish, _("L'action est publiée."))


@require_POST
def action_discard_revision(request, pk: int):
    return _run(
        request,
        pk,
        services.discard_revision,
        _("Le brouillon des modifications est abandonné : l'action reste telle qu'elle est publiée."),
    )


@require_POST
def action_confirm(request, pk: int):
    return _run(
        request,
        pk,
        services.confirm_still_running,
        _("Merci : l'action est confirmée et comptera pour les deux prochains labels."),
    )


def action_unpublish(request, pk: int):
    action = selectors.action_for_page(pk)
    if action is None or not permissions.can_view_action(request.user, action):
        raise Http404
    if not permissions.can_unpublish_action(request.user, action):
        raise PermissionDenied
    form = UnpublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.unpublish_action(actor=request.user, action=action, reason=form.cleaned_data["reason"])
        except ActionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("L'action est dépubliée : le public ne la voit plus. Le motif est gardé."))
            return redirect(action.get_absolute_url())
    return render(
        request, "actions/unpublish.html", {"action": action, "form": form}, status=400 if form.errors else 200
    )


def action_delete(request, pk: int):
    """Confirmation page, then deletion of a draft never published."""
    action = _editable_action(request, pk)
    error = ""
    if request.method == "POST":
        try:
            services.delete_draft(actor=request.user, action=action)
        except ActionError as exc:
            error = exc.message
        else:
            messages.success(request, _("Le brouillon « %(title)s » est supprimé.") % {"title": action.title})
            return redirect("actions:mine")
    elif not action.is_draft:
        error = _("Seul un brouillon jamais publié peut être supprimé ; dépubliez plutôt cette action.")
    return render(request, "actions/delete.html", {"action": action, "error": error}, status=400 if error else 200)


@require_GET
def address_suggestions(request):
    """htmx: addresses of the BAN matching what is typed, as a list of buttons that fill the place form."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    query = request.GET.get("q", "")
    for key, value in request.GET.items():
        if key.endswith("-address"):
            query = value
    prefix = request.GET.get("prefix", "")
    if not prefix.replace("-", "").isalnum():
        prefix = ""
    context = {"prefix": prefix, "query": query.strip(), "candidates": [], "unavailable": False}
    if len(context["query"]) >= 3:
        try:
            context["candidates"] = get_geocoder().search(context["query"], limit=5)
        except GeocoderUnavailable:
            context["unavailable"] = True
    return render(request, "actions/_address_suggestions.html", context)
