"""Reads of the baromètre: the figures of a label year computed from the published actions (for `services` to
store), and the frozen editions the public pages, the API and the CSV files show.

**What is counted** (see `rules` for the tallies and the small-cell rule):

- actions: `Action.objects.eligible_for(year)` (published, *en cours* or *réalisée*, last activity in N-1 or N-2),
  each counting for its owner and its partner collectivités, exactly as the mosaïque counts them;
- services: those of the referential edition the mosaïque of that year uses (`mosaic.selectors.label_years`); an
  action filed under an older edition counts for the services its own became (`ServiceMapping`), as in the mosaïque;
- strata: communes by the 15 DGF strata, EPCI by the DGCL bands (`territories.strata`); régions and départements of
  the collectivités themselves (an EPCI lies in the département of its seat);
- labelled collectivités: the results of that label year from `label.selectors.published_results()` only, so that
  results of a campaign before its ceremony never enter an edition;
- evolution: the same totals for every earlier label year the referential covers, computed the same day.

Computing a year costs about 8 queries plus 3 per earlier year, whatever the number of actions; the rows are tallied
in Python (a few hundred thousand small tuples at most).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone

from arobase.actions.models import Action, ActionTerritory
from arobase.barometre import rules
from arobase.barometre.models import ACTIVE_STATUSES, Computation, Edition, EditionStatus
from arobase.label.selectors import published_results
from arobase.mosaic.selectors import label_years, service_resolver
from arobase.referential.models import ReferentialEdition
from arobase.referential.selectors import edition_tree
from arobase.territories.models import Territory, TerritoryKind
from arobase.territories.strata import COMMUNE_STRATA, EPCI_STRATA, stratum_index

# Finished computations stay listed this long, so that staff see how the last ones ended.
RECENT_COMPUTATIONS = timedelta(days=1)

STRATA_KINDS = ((TerritoryKind.COMMUNE, "Communes", COMMUNE_STRATA), (TerritoryKind.EPCI, "EPCI", EPCI_STRATA))


# --- Frozen editions (public) ------------------------------------------------------------------------------------


def frozen_editions():
    return Edition.objects.filter(status=EditionStatus.FROZEN)


def public_years() -> list[int]:
    """Years with a frozen edition, most recent first (1 query)."""
    return list(frozen_editions().order_by("-year").values_list("year", flat=True).distinct())


def public_edition(year: int) -> Edition | None:
    """The most recently frozen edition of `year`, or None (1 query)."""
    return frozen_editions().filter(year=year).order_by("-frozen_at", "-pk").first()


def computations_to_show() -> list[Computation]:
    """For staff: the pending and running computations, then up to 5 finished in the last day (2 queries)."""
    active = Computation.objects.filter(status__in=ACTIVE_STATUSES).select_related("edition").order_by("year")
    finished = (
        Computation.objects.exclude(status__in=ACTIVE_STATUSES)
        .filter(finished_at__gte=timezone.now() - RECENT_COMPUTATIONS)
        .select_related("edition")
        .order_by("-finished_at")[:5]
    )
    return [*active, *finished]


def latest_public_edition() -> Edition | None:
    return frozen_editions().order_by("-year", "-frozen_at", "-pk").first()


def editions_version() -> str:
    """Changes whenever an edition is frozen: cached public pages are keyed on it."""
    state = frozen_editions().aggregate(count=Count("pk"), last=Max("frozen_at"))
    return f"{state['count']}.{state['last'].isoformat() if state['last'] else '-'}"


def latest_published_results_year() -> int | None:
    """The latest label year with a public palmarès (1 query)."""
    return published_results().aggregate(year=Max("year"))["year"]


# --- Computing the figures of a year -----------------------------------------------------------------------------


def computable_years(*, today: date | None = None) -> tuple[int, ...]:
    """Label years a baromètre can be computed for (those of the mosaïque), most recent first."""
    return label_years(today=today).years


Progress = Callable[[int, str], None]
"""Told the percentage done and the step starting, in French (the admin shows both while a computation runs)."""


def compute_figures(year: int, *, today: date | None = None, progress: Progress | None = None) -> dict:
    """The figures of label `year`, under the small-cell rule, as stored in `Edition.figures`. Raises
    `mosaic.selectors.UnknownLabelYear` for a year the referential does not cover."""
    say = progress or (lambda percent, step: None)
    years = label_years(today=today)
    edition_year, edition_id = years.edition_id_for(year)
    tree = edition_tree(ReferentialEdition(pk=edition_id, year=edition_year))
    say(5, f"Lecture des actions éligibles au label {year}")
    actions = counted_actions(year=year, edition_id=edition_id, edition_year=edition_year)
    say(35, "Lecture des collectivités, régions et départements")
    places = _places()
    territories = _territories_of(year)

    say(45, "Comptage par thème, enjeu, service, strate et territoire")
    total = rules.tally_total(actions)
    figures = {
        "year": year,
        "referential_year": edition_year,
        "computed_on": (today or timezone.localdate()).isoformat(),
        "collectivites": rules.shown_or_none(total.collectivites),
        "actions": total.actions if rules.shown_or_none(total.collectivites) is not None else None,
        **_referential_tables(actions, tree),
        "strata": _strata(actions, territories),
        "regions": _regions(actions, territories, places),
        "departements": _departements(actions, territories, places, year),
        "labelled": _labelled_levels(year),
        "evolution": _evolution(year, years.years, progress=say, percent=(60, 95)),
    }
    return figures


def counted_actions(*, year: int, edition_id: int, edition_year: int) -> list[rules.CountedAction]:
    """The eligible actions of label `year` with their collectivités and the service codes of the edition (3 queries,
    4 with actions of an older edition)."""
    eligible = Action.objects.eligible_for(year).order_by()
    territories: dict[int, set[int]] = {pk: {owner} for pk, owner in eligible.values_list("pk", "owner_id")}
    for action_id, territory_id in ActionTerritory.objects.filter(action_id__in=eligible.values("pk")).values_list(
        "action_id", "territory_id"
    ):
        territories[action_id].add(territory_id)
    rows = list(
        Action.services.through.objects.filter(action_id__in=eligible.values("pk")).values_list(
            "action_id", "service_id", "service__code", "service__edition_id", "service__edition__year"
        )
    )
    resolve = service_resolver(edition_id, edition_year) if any(y < edition_year for *_rest, y in rows) else None
    services: dict[int, set[str]] = defaultdict(set)
    for action_id, service_id, code, service_edition_id, service_year in rows:
        if service_edition_id != edition_id and service_year < edition_year:
            services[action_id] |= resolve(service_id)
        else:
            services[action_id].add(code)
    return [
        rules.CountedAction(action_id=pk, territories=frozenset(ids), services=frozenset(services.get(pk, ())))
        for pk, ids in territories.items()
    ]


def _cell(cell: rules.Cell | None, hidden: bool) -> dict:
    if hidden or cell is None:
        return {"collectivites": None, "actions": None}
    return {"collectivites": cell.collectivites, "actions": cell.actions}


def _referential_tables(actions: list[rules.CountedAction], tree) -> dict:
    services = {s.code: s.code for t in tree.themes for e in t.enjeux for s in e.services}
    enjeu_of = {s.code: e.code for t in tree.themes for e in t.enjeux for s in e.services}
    theme_of = {s.code: t.code for t in tree.themes for e in t.enjeux for s in e.services}
    by_service = rules.tally_by_service_group(actions, services)
    by_enjeu = rules.tally_by_service_group(actions, enjeu_of)
    by_theme = rules.tally_by_service_group(actions, theme_of)

    def rows(cells: dict[str, rules.Cell], nodes, **extra) -> list[dict]:
        counts = {node.code: cells[node.code].collectivites if node.code in cells else 0 for node, _p in nodes}
        hidden = rules.hidden_cells(counts, partition=False)
        return [
            {"code": node.code, "label": node.label, **parent, **_cell(cells.get(node.code), node.code in hidden)}
            for node, parent in nodes
        ]

    return {
        "themes": rows(by_theme, [(t, {}) for t in tree.themes]),
        "enjeux": rows(by_enjeu, [(e, {"theme": t.code}) for t in tree.themes for e in t.enjeux]),
        "services": rows(
            by_service, [(s, {"enjeu": e.code}) for t in tree.themes for e in t.enjeux for s in e.services]
        ),
    }


def _places() -> dict[int, tuple[str, str, str, int | None]]:
    """Régions and départements by id: (kind, code, name, région id) (1 query)."""
    return {
        pk: (kind, code, name, region_id)
        for pk, kind, code, name, region_id in Territory.objects.filter(
            kind__in=(TerritoryKind.REGION, TerritoryKind.DEPARTEMENT)
        ).values_list("pk", "kind", "code", "name", "region_id")
    }


def _territories_of(year: int) -> dict[int, tuple[str, int | None, int | None, int | None]]:
    """The collectivités with an eligible action: id → (kind, population, région id, département id) (2 queries)."""
    eligible = Action.objects.eligible_for(year).order_by()
    fields = ("pk", "kind", "population", "region_id", "departement_id")
    owners = Territory.objects.filter(pk__in=eligible.values("owner_id")).values_list(*fields)
    partners = Territory.objects.filter(
        pk__in=ActionTerritory.objects.filter(action_id__in=eligible.values("pk")).values("territory_id")
    ).values_list(*fields)
    found = {}
    for pk, kind, population, region_id, departement_id in [*owners, *partners]:
        if kind == TerritoryKind.REGION:
            region_id = pk
        if kind == TerritoryKind.DEPARTEMENT:
            departement_id = pk
        found[pk] = (kind, population, region_id, departement_id)
    return found


def _strata(actions, territories) -> list[dict]:
    group_of = {}
    for pk, (kind, population, _region, _departement) in territories.items():
        for strata_kind, _label, strata in STRATA_KINDS:
            if kind == strata_kind and population is not None:
                group_of[pk] = (strata_kind.value, stratum_index(population, strata))
    cells = rules.tally_by_territory_group(actions, group_of)
    keys = [(kind.value, index) for kind, _label, strata in STRATA_KINDS for index in range(len(strata))]
    hidden = rules.hidden_cells({key: cells[key].collectivites if key in cells else 0 for key in keys}, partition=True)
    rows = []
    for kind, label, strata in STRATA_KINDS:
        for index, stratum in enumerate(strata):
            key = (kind.value, index)
            rows.append(
                {
                    "kind": kind.value,
                    "label": f"{label} : {stratum.label}",
                    "population_min": stratum.population_min,
                    "population_max": stratum.population_max,
                    **_cell(cells.get(key), key in hidden),
                }
            )
    return rows


def _regions(actions, territories, places) -> list[dict]:
    cells = rules.tally_by_territory_group(actions, {pk: t[2] for pk, t in territories.items()})
    regions = sorted(
        ((pk, code, name) for pk, (kind, code, name, _r) in places.items() if kind == TerritoryKind.REGION),
        key=lambda item: item[1],
    )
    hidden = rules.hidden_cells(
        {pk: cells[pk].collectivites if pk in cells else 0 for pk, *_ in regions}, partition=True
    )
    return [{"code": code, "name": name, **_cell(cells.get(pk), pk in hidden)} for pk, code, name in regions]


def _departements(actions, territories, places, year: int) -> list[dict]:
    cells = rules.tally_by_territory_group(actions, {pk: t[3] for pk, t in territories.items()})
    labelled = _labelled_by_departement(year)
    departements = sorted(
        ((pk, code, name, region) for pk, (kind, code, name, region) in places.items() if kind == "departement"),
        key=lambda item: item[1],
    )
    # Complementary suppression within each région, whose count is shown beside its départements.
    hidden: set[int] = set()
    hidden_labelled: set[int] = set()
    by_region: dict[int | None, list[int]] = defaultdict(list)
    for pk, _code, _name, region in departements:
        by_region[region].append(pk)
    for members in by_region.values():
        hidden |= rules.hidden_cells(
            {pk: cells[pk].collectivites if pk in cells else 0 for pk in members}, partition=True
        )
        hidden_labelled |= rules.hidden_cells({pk: len(labelled.get(pk, ())) for pk in members}, partition=True)
    rows = []
    for pk, code, name, region in departements:
        levels = labelled.get(pk, [])
        shown = pk not in hidden_labelled
        rows.append(
            {
                "code": code,
                "name": name,
                "region": places[region][1] if region in places else None,
                **_cell(cells.get(pk), pk in hidden),
                "labelled": len(levels) if shown else None,
                "arobases_mean": round(sum(levels) / len(levels), 2) if shown and levels else None,
            }
        )
    return rows


def _labelled_by_departement(year: int) -> dict[int, list[int]]:
    levels: dict[int, list[int]] = defaultdict(list)
    for departement_id, arobases in (
        published_results().filter(year=year, arobases__gte=1).values_list("territory__departement_id", "arobases")
    ):
        if departement_id is not None:
            levels[departement_id].append(arobases)
    return levels


def _labelled_levels(year: int) -> dict:
    """Labelled collectivités of the year (1 @ and more) and how many got each level (1 query)."""
    counts = dict(
        published_results()
        .filter(year=year, arobases__gte=1)
        .order_by()
        .values("arobases")
        .annotate(n=Count("pk"))
        .values_list("arobases", "n")
    )
    total = sum(counts.values())
    levels = {level: counts.get(level, 0) for level in range(1, 6)}
    hidden = rules.hidden_cells(levels, partition=True)
    return {
        "collectivites": rules.shown_or_none(total),
        "levels": [
            {"arobases": level, "collectivites": None if level in hidden else count} for level, count in levels.items()
        ],
    }


def _evolution(year: int, known_years: tuple[int, ...], *, progress: Progress, percent: tuple[int, int]) -> list[dict]:
    """Totals of every label year up to `year` (3 queries a year)."""
    rows = []
    years = sorted(y for y in known_years if y <= year)
    start, end = percent
    for done, earlier in enumerate(years):
        progress(start + (end - start) * done // len(years), f"Évolution : année {earlier}")
        eligible = Action.objects.eligible_for(earlier).order_by()
        collectivites = Territory.objects.filter(
            Q(pk__in=eligible.values("owner_id"))
            | Q(pk__in=ActionTerritory.objects.filter(action_id__in=eligible.values("pk")).values("territory_id"))
        ).count()
        shown = rules.shown_or_none(collectivites)
        rows.append(
            {
                "year": earlier,
                "collectivites": shown,
                "actions": eligible.count() if shown is not None else None,
                "labelled": rules.shown_or_none(published_results().filter(year=earlier, arobases__gte=1).count()),
            }
        )
    return rows
