"""The public pages of the baromètre: the latest frozen edition (/barometre/), one edition per year, and each of its
tables as CSV with its Table Schema. The edition is precomputed: a page reads one row."""

from __future__ import annotations

from functools import cache

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from arobase.barometre import rules, selectors, tilegrid
from arobase.barometre.models import Edition
from arobase.barometre.tables import TABLES
from arobase.core.caching import public_page
from arobase.core.spreadsheet import SafeWriter

HIDDEN = "non diffusé"
CHART_WIDTH = 600
BAR_AREA = 480
ROW_HEIGHT = 40
TILE = 40
CHARTS = (
    ("themes", "Collectivités ayant au moins une action éligible, par thème", "themes"),
    ("enjeux", "Collectivités ayant au moins une action éligible, par enjeu", "enjeux"),
    ("strates", "Collectivités ayant au moins une action éligible, par strate de population", "strata"),
    ("regions", "Collectivités ayant au moins une action éligible, par région", "regions"),
    ("arobases", "Collectivités labellisées, par nombre d'arobases", "labelled"),
    ("evolution", "Collectivités ayant au moins une action éligible, au fil des années du label", "evolution"),
)


def _display(value) -> str:
    if value is None:
        return HIDDEN
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def _chart_rows(key: str, figures: dict) -> list[tuple[str, int | None]]:
    if key == "labelled":
        return [(f"{row['arobases']} @", row["collectivites"]) for row in figures["labelled"]["levels"]]
    if key == "evolution":
        return [(str(row["year"]), row["collectivites"]) for row in figures["evolution"]]
    return [(row.get("name") or row["label"], row["collectivites"]) for row in figures[key]]


def _chart(slug: str, title: str, key: str, figures: dict, year: int) -> dict:
    bars = rules.bars(_chart_rows(key, figures), width=BAR_AREA, row_height=ROW_HEIGHT)
    table = TABLES[slug]
    return {
        "slug": slug,
        "title": title,
        "height": len(bars) * ROW_HEIGHT,
        "width": CHART_WIDTH,
        "bars": [
            {
                "label": bar.label,
                "value": _display(bar.value),
                "text_y": bar.y + 14,
                "bar_y": bar.y + 19,
                "length": f"{bar.length:.1f}",
                "value_x": f"{bar.length + 6:.1f}",
                "value_y": bar.y + 31,
            }
            for bar in bars
        ],
        **_table(slug, figures, year),
        "table_title": table.title,
    }


def _table(slug: str, figures: dict, year: int) -> dict:
    table = TABLES[slug]
    return {
        "columns": [column.title for column in table.columns],
        "rows": [
            [
                _display(value) if value is not None or column.is_count else ""
                for value, column in zip(row, table.columns, strict=True)
            ]
            for row in table.rows(figures)
        ],
        "csv": reverse("barometre:table_csv", kwargs={"year": year, "slug": slug}),
        "schema": reverse("barometre:table_schema", kwargs={"year": year, "slug": slug}),
    }


def _map(figures: dict) -> dict:
    """The tile-grid choropleth: one square per département, classed by collectivités with an eligible action."""
    by_code = {row["code"]: row for row in figures["departements"]}
    bounds = rules.class_bounds(row["collectivites"] for row in by_code.values() if row["collectivites"] is not None)
    tiles = []
    for code, (column, row) in sorted(tilegrid.TILES.items(), key=lambda item: (item[1][1], item[1][0])):
        record = by_code.get(code)
        value = record["collectivites"] if record else None
        if record is None:
            css, phrase = "tile-none", "pas de données"
        elif value is None:
            css, phrase = "tile-hidden", "moins de 5 collectivités (non diffusé)"
        else:
            css = f"tile-c{rules.class_of(value, bounds)}"
            phrase = f"{value} collectivité{'s' if value > 1 else ''} avec au moins une action éligible"
        tiles.append(
            {
                "code": code,
                "x": column * TILE,
                "y": row * TILE,
                "text_x": column * TILE + TILE // 2,
                "text_y": row * TILE + TILE // 2 + 4,
                "css": css,
                "title": f"{record['name'] if record else code} ({code}) : {phrase}",
                "dark": css in ("tile-c3", "tile-c4"),
            }
        )
    return {
        "tiles": tiles,
        "width": tilegrid.COLUMNS * TILE,
        "height": tilegrid.ROWS * TILE,
        "overseas_y": tilegrid.OVERSEAS_FIRST_ROW * TILE - 8,
        "legend": [{"css": f"tile-c{index}", "label": label} for index, label in enumerate(rules.class_labels(bounds))],
        **_table("departements", figures, figures["year"]),
    }


def _page(request, edition: Edition | None, *, status: int = 200):
    context = {"years": selectors.public_years(), "edition": edition}
    if edition is not None:
        figures = edition.figures
        # A frozen edition never changes, so the template caches its body under the edition's id; these are
        # callables (evaluated once, by the template, only when that cache is empty).
        context.update(
            {
                "figures": figures,
                "year": edition.year,
                "map": cache(lambda: _map(figures)),
                "charts": cache(
                    lambda: [_chart(slug, title, key, figures, edition.year) for slug, title, key in CHARTS]
                ),
                "services": cache(lambda: _table("services", figures, edition.year)),
                "hidden_label": HIDDEN,
            }
        )
    return render(request, "barometre/edition.html", context, status=status)


@require_GET
@public_page(selectors.editions_version)
def latest(request):
    return _page(request, selectors.latest_public_edition())


@require_GET
@public_page(selectors.editions_version)
def edition(request, year: int):
    found = selectors.public_edition(year)
    if found is None:
        raise Http404("Aucun baromètre publié pour cette année.")
    return _page(request, found)


def _found(year: int, slug: str) -> tuple[Edition, object]:
    found = selectors.public_edition(year)
    if found is None or slug not in TABLES:
        raise Http404("Aucun tableau du baromètre à cette adresse.")
    return found, TABLES[slug]


@require_GET
def table_csv(request, year: int, slug: str):
    found, table = _found(year, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="barometre-{year}-{slug}.csv"'
    writer = SafeWriter(response)
    writer.writerow([column.name for column in table.columns])
    for row in table.rows(found.figures):
        writer.writerow(["" if value is None else value for value in row])
    return response


@require_GET
def table_schema(request, year: int, slug: str):
    _found_edition, table = _found(year, slug)
    return JsonResponse(table.schema(year), json_dumps_params={"ensure_ascii": False, "indent": 1})
