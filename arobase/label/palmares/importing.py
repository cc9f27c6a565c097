"""Import of past palmarès from CSV: ``year,code,name,departement,kind,arobases,mentions,alert,hors_concours``.

* ``code`` (INSEE code or SIREN), ``kind`` (ville, village, territoire), ``mentions`` (separated by ``|`` or
  ``;``), ``alert`` and ``hors_concours`` (1/0, oui/non, true/false, x) may be empty.
* A row without a code is resolved by name and département with `palmares_matching` (never to a wrong
  collectivité): ambiguous or unknown rows are problems listing their candidates; a row resolved otherwise than by
  its exact name (article, start of a name, typo) is reported as a note ("correspondance par début de nom"), so a
  person can check it in the dry run.
* ``arobases`` 0 is the old "mention only" level: allowed with ``legacy`` only.
* Without ``legacy``, every row is checked with `rules.validate_history` over the earlier published results of the
  collectivité (those of the years in the file are replaced) plus the file's rows; only the file's rows are
  reported. Two rows for the same collectivité and year are always a problem.
* A result already recorded by the jury for that collectivité and year is never overwritten (problem).
* Re-importing the same file changes nothing (one result per collectivité and year, updated in place).
* Imported results are published; a year that has a campaign is attached to it, so that its secrecy still holds.

`plan_import` reads and checks everything and writes nothing; `apply_import` writes the rows of a plan.
With ``skip_invalid`` the valid rows of a file with problems are written (their rule check took the invalid rows
into account as they are in the file).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from arobase.label import rules, selectors
from arobase.label.models import Campaign, Result, ResultSource
from arobase.label.palmares import matching as palmares_matching
from arobase.territories.models import LabelCategory, Territory, TerritoryKind
from arobase.territories.rules import label_category_of

COLUMNS = ("year", "code", "name", "departement", "kind", "arobases", "mentions", "alert", "hors_concours")
REQUIRED = ("year", "name", "arobases")
TRUE = {"1", "oui", "o", "yes", "y", "true", "vrai", "x"}
FALSE = {"", "0", "non", "n", "no", "false", "faux"}
_MENTION_SPLIT = re.compile(r"[|;]")
CANDIDATE_KINDS = (TerritoryKind.COMMUNE, TerritoryKind.EPCI, TerritoryKind.FOREIGN)


@dataclass(frozen=True)
class Problem:
    line: int
    name: str
    message: str
    rule: str = ""

    def describe(self) -> str:
        rule = f" [règle {self.rule}]" if self.rule else ""
        return f"ligne {self.line} ({self.name}) : {self.message}{rule}"


@dataclass
class Row:
    line: int
    year: int
    name: str
    arobases: int
    mentions: list[str]
    alert: bool
    hors_concours: bool
    category: str
    territory: Territory | None = None


@dataclass(frozen=True)
class Note:
    """A row resolved by name otherwise than exactly: worth a look, not a problem."""

    line: int
    message: str

    def describe(self) -> str:
        return f"ligne {self.line} : {self.message}"


@dataclass
class ImportPlan:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def invalid_lines(self) -> set[int]:
        return {problem.line for problem in self.problems}

    @property
    def valid_rows(self) -> list[Row]:
        invalid = self.invalid_lines
        return [row for row in self.rows if row.territory is not None and row.line not in invalid]


def _bool(value: str) -> bool | None:
    value = (value or "").strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    return None


def _parse(line: int, raw: dict[str, str], *, legacy: bool, plan: ImportPlan) -> Row | None:
    name = (raw.get("name") or "").strip()
    label = name or f"ligne {line}"

    def problem(message: str, rule: str = "") -> None:
        plan.problems.append(Problem(line, label, message, rule))

    try:
        year = int((raw.get("year") or "").strip())
    except ValueError:
        problem("année absente ou invalide")
        return None
    try:
        arobases = int((raw.get("arobases") or "").strip())
    except ValueError:
        problem("nombre d'@ absent ou invalide")
        return None
    if not 0 <= arobases <= rules.MAX_AROBASES:
        problem(f"{arobases} @ impossible : {rules.RULE_LABELS_FR[rules.RULE_BOUNDS]}", rules.RULE_BOUNDS)
        return None
    if arobases == 0 and not legacy:
        problem(f"0 @ : {rules.RULE_LABELS_FR[rules.RULE_LEGACY]} (utilisez --legacy)", rules.RULE_LEGACY)
        return None
    alert, hors_concours = _bool(raw.get("alert", "")), _bool(raw.get("hors_concours", ""))
    if alert is None or hors_concours is None:
        problem("alerte ou hors concours illisible (attendu : 1/0, oui/non)")
        return None
    kind = (raw.get("kind") or "").strip().lower()
    if kind and kind not in LabelCategory.values:
        problem(f"catégorie « {kind} » inconnue (ville, village ou territoire)")
        return None
    mentions = [part.strip() for part in _MENTION_SPLIT.split(raw.get("mentions") or "") if part.strip()]
    if not name and not (raw.get("code") or "").strip():
        problem("ni code ni nom de collectivité")
        return None
    return Row(
        line=line,
        year=year,
        name=name,
        arobases=arobases,
        mentions=mentions,
        alert=alert,
        hors_concours=hors_concours,
        category=kind,
    )


def _name_index() -> palmares_matching.NameIndex:
    return palmares_matching.NameIndex.from_candidates(
        palmares_matching.Candidate(code=code, name=name, departement=departement or "", kind=kind)
        for code, name, departement, kind in Territory.objects.filter(kind__in=CANDIDATE_KINDS)
        .values_list("code", "name", "departement__code", "kind")
        .iterator(chunk_size=5000)
    )


def _resolve(rows: list[tuple[Row, dict[str, str]]], plan: ImportPlan) -> None:
    index = None
    for row, raw in rows:
        code = (raw.get("code") or "").strip().upper()
        if code:
            territory = (
                Territory.objects.select_related("departement")
                .filter(code=code, kind__in=CANDIDATE_KINDS)
                .order_by("kind")
                .first()
            )
            if territory is None:
                message = f"aucune collectivité candidate de code {code}"
                plan.problems.append(Problem(row.line, row.name or code, message))
                continue
            row.territory = territory
            continue
        if index is None:
            index = _name_index()
        departement = (raw.get("departement") or "").strip() or None
        resolution = index.resolve(row.name, departement)
        if not resolution.is_resolved or resolution.candidate is None:
            plan.problems.append(Problem(row.line, row.name, resolution.describe_fr(row.name, departement)))
            continue
        candidate = resolution.candidate
        if resolution.method != "exact":
            plan.notes.append(Note(row.line, resolution.describe_fr(row.name, departement)))
        row.territory = Territory.objects.get(kind=candidate.kind, code=candidate.code)


def _check_rules(plan: ImportPlan, *, legacy: bool) -> None:
    by_territory: dict[int, list[Row]] = defaultdict(list)
    for row in plan.rows:
        if row.territory is not None:
            by_territory[row.territory.pk].append(row)
    jury_results = set(
        Result.objects.filter(territory_id__in=by_territory, source=ResultSource.JURY).values_list(
            "territory_id", "year"
        )
    )
    for territory_id, rows in by_territory.items():
        seen: dict[int, int] = {}
        for row in rows:
            if (territory_id, row.year) in jury_results:
                plan.problems.append(Problem(row.line, row.name, f"un résultat du jury existe déjà pour {row.year}"))
            if row.year in seen:
                plan.problems.append(
                    Problem(
                        row.line,
                        row.name,
                        f"même collectivité et même année que la ligne {seen[row.year]} "
                        f"({rules.RULE_LABELS_FR[rules.RULE_DUPLICATE_YEAR]})",
                        rules.RULE_DUPLICATE_YEAR,
                    )
                )
            seen.setdefault(row.year, row.line)
        if legacy:
            continue
        years_in_file = {row.year for row in rows}
        earlier = [result for result in selectors.past_results(rows[0].territory) if result.year not in years_in_file]
        unique_rows = [row for row in rows if seen[row.year] == row.line]
        history = earlier + [
            rules.PastResult(
                year=row.year,
                arobases=row.arobases,
                alert=row.alert,
                legacy_mention_only=row.arobases == 0,
                hors_concours=row.hors_concours,
            )
            for row in unique_rows
        ]
        for violation in rules.validate_history(history):
            if violation.index >= len(earlier):
                row = unique_rows[violation.index - len(earlier)]
                plan.problems.append(Problem(row.line, row.name, violation.message, violation.rule))


def plan_import(lines: Iterable[str], *, legacy: bool = False) -> ImportPlan:
    """Read and check a palmarès file; writes nothing."""
    plan = ImportPlan()
    reader = csv.DictReader(lines)
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        plan.problems.append(Problem(1, "en-tête", f"colonnes manquantes : {', '.join(missing)}"))
        return plan
    parsed: list[tuple[Row, dict[str, str]]] = []
    for raw in reader:
        line = reader.line_num
        raw = {(key or "").strip(): (value or "") for key, value in raw.items()}
        if not any(value.strip() for value in raw.values()):
            continue
        row = _parse(line, raw, legacy=legacy, plan=plan)
        if row is not None:
            parsed.append((row, raw))
            plan.rows.append(row)
    _resolve(parsed, plan)
    _check_rules(plan, legacy=legacy)
    plan.problems.sort(key=lambda problem: problem.line)
    return plan


@transaction.atomic
def apply_import(plan: ImportPlan) -> tuple[int, int]:
    """Write the valid rows of a plan; returns (created, updated)."""
    campaigns = dict(Campaign.objects.values_list("year", "pk"))
    created = updated = 0
    for row in plan.valid_rows:
        territory = row.territory
        assert territory is not None
        _result, was_created = Result.objects.update_or_create(
            territory=territory,
            year=row.year,
            defaults={
                "campaign_id": campaigns.get(row.year),
                "category": row.category or label_category_of(territory),
                "arobases": row.arobases,
                "mentions": row.mentions,
                "alert": row.alert,
                "hors_concours": row.hors_concours or territory.kind == TerritoryKind.FOREIGN,
                "source": ResultSource.IMPORT,
                "published": True,
            },
        )
        if was_created:
            created += 1
        else:
            updated += 1
    return created, updated
