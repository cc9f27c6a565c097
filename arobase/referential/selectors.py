"""Reads of the referential."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, QuerySet

from arobase.referential.models import EditionStatus, Enjeu, ReferentialEdition, Service, ServiceMapping, Theme
from arobase.referential.tree import EditionDiff, EditionTree, EnjeuNode, ServiceNode, ThemeNode, diff_trees


def list_editions(*, published_only: bool = False) -> QuerySet[ReferentialEdition]:
    """Editions, most recent first."""
    editions = ReferentialEdition.objects.order_by("-year")
    if published_only:
        editions = editions.filter(status=EditionStatus.PUBLISHED)
    return editions


def editions_version() -> str:
    """Changes with any edit of the referential (labels, questions, a new edition): for cached public pages."""
    editions = ReferentialEdition.objects.aggregate(changed=Max("updated_at"), count=Count("pk"))
    changed = editions["changed"].isoformat() if editions["changed"] else "-"
    return f"{editions['count']}.{changed}"


def get_edition(year: int, *, published_only: bool = False) -> ReferentialEdition:
    """The edition of `year` with its whole tree prefetched in order (4 queries):
    `edition.themes.all()`, `theme.enjeux.all()`, `enjeu.services.all()` then cost nothing.
    Raises `ReferentialEdition.DoesNotExist`."""
    services = Prefetch("services", queryset=Service.objects.order_by("position", "code"))
    enjeux = Prefetch("enjeux", queryset=Enjeu.objects.order_by("position", "code").prefetch_related(services))
    themes = Prefetch("themes", queryset=Theme.objects.order_by("position", "code").prefetch_related(enjeux))
    return list_editions(published_only=published_only).prefetch_related(themes).get(year=year)


def edition_tree(edition: ReferentialEdition) -> EditionTree:
    """A plain snapshot of an edition (3 queries, or none when it comes from `get_edition`)."""
    prefetched = getattr(edition, "_prefetched_objects_cache", {})
    if "themes" in prefetched:
        return EditionTree(
            year=edition.year,
            themes=tuple(
                ThemeNode(
                    code=theme.code,
                    label=theme.label,
                    enjeux=tuple(
                        EnjeuNode(
                            code=enjeu.code,
                            label=enjeu.label,
                            question=enjeu.question,
                            services=tuple(ServiceNode(code=s.code, label=s.label) for s in enjeu.services.all()),
                        )
                        for enjeu in theme.enjeux.all()
                    ),
                )
                for theme in edition.themes.all()
            ),
        )

    services_of: dict[int, list[ServiceNode]] = defaultdict(list)
    for enjeu_id, code, label in (
        Service.objects.filter(edition=edition).order_by("position", "code").values_list("enjeu_id", "code", "label")
    ):
        services_of[enjeu_id].append(ServiceNode(code=code, label=label))
    enjeux_of: dict[int, list[EnjeuNode]] = defaultdict(list)
    for pk, theme_id, code, label, question in (
        Enjeu.objects.filter(edition=edition)
        .order_by("position", "code")
        .values_list("pk", "theme_id", "code", "label", "question")
    ):
        enjeux_of[theme_id].append(
            EnjeuNode(code=code, label=label, question=question, services=tuple(services_of[pk]))
        )
    themes = [
        ThemeNode(code=code, label=label, enjeux=tuple(enjeux_of[pk]))
        for pk, code, label in Theme.objects.filter(edition=edition)
        .order_by("position", "code")
        .values_list("pk", "code", "label")
    ]
    return EditionTree(year=edition.year, themes=tuple(themes))


@dataclass(frozen=True)
class ServiceInTree:
    code: str
    label: str
    enjeu_code: str
    enjeu_label: str


def services_in_tree_order(*, edition_id: int) -> list[ServiceInTree]:
    """The services of an edition in the order of `edition_tree`, each with its enjeu (1 query)."""
    return [
        ServiceInTree(code=code, label=label, enjeu_code=enjeu_code, enjeu_label=enjeu_label)
        for code, label, enjeu_code, enjeu_label in Service.objects.filter(edition_id=edition_id)
        .order_by("enjeu__theme__position", "enjeu__theme__code", "enjeu__position", "enjeu__code", "position", "code")
        .values_list("code", "label", "enjeu__code", "enjeu__label")
    ]


def diff_editions(old: ReferentialEdition, new: ReferentialEdition) -> EditionDiff:
    """Services added, removed, renamed and moved, and enjeux changed, from `old` to `new` (by code)."""
    return diff_trees(edition_tree(old), edition_tree(new))


def service_mapping(*, from_edition: ReferentialEdition, to_edition: ReferentialEdition) -> dict[int, list[int]]:
    """For each service id of `from_edition`, the ids of the services of `to_edition` it became (1 query).
    A service missing from the result was dropped."""
    mapping: dict[int, list[int]] = defaultdict(list)
    for from_id, to_id in ServiceMapping.objects.filter(
        from_service__edition=from_edition, to_service__edition=to_edition
    ).values_list("from_service_id", "to_service_id"):
        mapping[from_id].append(to_id)
    return dict(mapping)
