"""The tables of an edition, one definition for the page, the CSV downloads and their Table Schemas
(https://specs.frictionlessdata.io/table-schema/). Pure: built from `Edition.figures`.

A hidden cell (fewer than 5 collectivités, see `rules`) is an empty value in the CSV and « non diffusé » on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte 2.0 (Etalab)",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
HIDDEN_NOTE = "Vide : moins de 5 collectivités, chiffre non diffusé."


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    type: str = "string"
    # Counts of collectivités or actions, subject to the small-cell rule.
    is_count: bool = False


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    columns: tuple[Column, ...]

    def rows(self, figures: dict) -> list[list]:
        """Rows of values in column order; hidden cells are None."""
        return [[record.get(column.name) for column in self.columns] for record in _records(self.slug, figures)]

    def schema(self, year: int) -> dict:
        fields = []
        for column in self.columns:
            field = {"name": column.name, "title": column.title, "type": column.type}
            if column.is_count:
                field["constraints"] = {"minimum": 0}
                field["description"] = HIDDEN_NOTE
            fields.append(field)
        return {
            "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
            "name": f"barometre-{year}-{self.slug}",
            "title": f"Baromètre {year} des services publics numériques locaux : {self.title}",
            "licenses": [LICENCE],
            "missingValues": [""],
            "fields": fields,
        }


def _count(name: str, title: str) -> Column:
    return Column(name, title, "integer", is_count=True)


COLLECTIVITES = _count("collectivites", "Collectivités ayant au moins une action éligible")
ACTIONS = _count("actions", "Actions éligibles")

TABLES = {
    table.slug: table
    for table in (
        Table(
            "departements",
            "par département",
            (
                Column("code", "Code du département"),
                Column("nom", "Département"),
                Column("region", "Code de la région"),
                COLLECTIVITES,
                ACTIONS,
                _count("labellisees", "Collectivités labellisées cette année"),
                Column("arobases_moyenne", "Nombre moyen d'arobases des labellisées", "number"),
            ),
        ),
        Table(
            "themes",
            "par thème",
            (Column("code", "Code du thème"), Column("libelle", "Thème"), COLLECTIVITES, ACTIONS),
        ),
        Table(
            "enjeux",
            "par enjeu",
            (
                Column("code", "Code de l'enjeu"),
                Column("libelle", "Enjeu"),
                Column("theme", "Code du thème"),
                COLLECTIVITES,
                ACTIONS,
            ),
        ),
        Table(
            "services",
            "par service",
            (
                Column("code", "Code du service"),
                Column("libelle", "Service"),
                Column("enjeu", "Code de l'enjeu"),
                COLLECTIVITES,
                ACTIONS,
            ),
        ),
        Table(
            "strates",
            "par strate de population",
            (
                Column("type", "Type de collectivité"),
                Column("strate", "Strate de population"),
                Column("population_min", "Population minimale", "integer"),
                Column("population_max", "Population maximale (vide : sans limite)", "integer"),
                COLLECTIVITES,
                ACTIONS,
            ),
        ),
        Table(
            "regions",
            "par région",
            (Column("code", "Code de la région"), Column("nom", "Région"), COLLECTIVITES, ACTIONS),
        ),
        Table(
            "arobases",
            "collectivités labellisées par nombre d'arobases",
            (Column("arobases", "Arobases", "integer"), _count("collectivites", "Collectivités labellisées")),
        ),
        Table(
            "evolution",
            "évolution au fil des années du label",
            (
                Column("annee", "Année du label", "integer"),
                COLLECTIVITES,
                ACTIONS,
                _count("labellisees", "Collectivités labellisées"),
            ),
        ),
    )
}


def _records(slug: str, figures: dict) -> list[dict]:
    """The figures of one table under the column names of the files."""
    if slug == "departements":
        return [
            {
                "code": row["code"],
                "nom": row["name"],
                "region": row["region"],
                "collectivites": row["collectivites"],
                "actions": row["actions"],
                "labellisees": row["labelled"],
                "arobases_moyenne": row["arobases_mean"],
            }
            for row in figures["departements"]
        ]
    if slug in ("themes", "enjeux", "services"):
        return [{**row, "libelle": row["label"]} for row in figures[slug]]
    if slug == "strates":
        return [
            {**row, "type": "Communes" if row["kind"] == "commune" else "EPCI", "strate": row["label"]}
            for row in figures["strata"]
        ]
    if slug == "regions":
        return [{**row, "nom": row["name"]} for row in figures["regions"]]
    if slug == "arobases":
        return figures["labelled"]["levels"]
    return [{**row, "annee": row["year"], "labellisees": row["labelled"]} for row in figures["evolution"]]
