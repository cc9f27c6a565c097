"""Plain, immutable snapshots of a referential edition, and the diff between two of them.

Nothing here touches the database: selectors build snapshots from the models (or from a data file),
and `diff_trees` compares two snapshots. A service or an enjeu is identified by its code across editions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ServiceNode:
    code: str
    label: str


@dataclass(frozen=True)
class EnjeuNode:
    code: str
    label: str
    question: str
    services: tuple[ServiceNode, ...] = ()


@dataclass(frozen=True)
class ThemeNode:
    code: str
    label: str
    enjeux: tuple[EnjeuNode, ...] = ()


@dataclass(frozen=True)
class EditionTree:
    year: int
    themes: tuple[ThemeNode, ...] = ()

    def enjeux(self) -> Iterator[tuple[ThemeNode, EnjeuNode]]:
        for theme in self.themes:
            for enjeu in theme.enjeux:
                yield theme, enjeu

    def services(self) -> Iterator[tuple[EnjeuNode, ServiceNode]]:
        for _theme, enjeu in self.enjeux():
            for service in enjeu.services:
                yield enjeu, service

    def as_dict(self) -> dict[str, Any]:
        """The public JSON shape of an edition (the one of the API)."""
        return {
            "year": self.year,
            "themes": [
                {
                    "code": theme.code,
                    "label": theme.label,
                    "enjeux": [
                        {
                            "code": enjeu.code,
                            "label": enjeu.label,
                            "question": enjeu.question,
                            "services": [{"code": s.code, "label": s.label} for s in enjeu.services],
                        }
                        for enjeu in theme.enjeux
                    ],
                }
                for theme in self.themes
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EditionTree:
        """Build a snapshot from the data-file / API shape (extra keys are ignored)."""
        return cls(
            year=int(data["year"]),
            themes=tuple(
                ThemeNode(
                    code=theme["code"],
                    label=theme["label"],
                    enjeux=tuple(
                        EnjeuNode(
                            code=enjeu["code"],
                            label=enjeu["label"],
                            question=enjeu["question"],
                            services=tuple(
                                ServiceNode(code=service["code"], label=service["label"])
                                for service in enjeu["services"]
                            ),
                        )
                        for enjeu in theme["enjeux"]
                    ),
                )
                for theme in data["themes"]
            ),
        )


@dataclass(frozen=True)
class Renamed:
    code: str
    old: str
    new: str


@dataclass(frozen=True)
class Moved:
    """A service found under another enjeu (same code)."""

    code: str
    old_enjeu: str
    new_enjeu: str


@dataclass(frozen=True)
class EnjeuChange:
    code: str
    field: str  # "label" or "question"
    old: str
    new: str


@dataclass(frozen=True)
class EditionDiff:
    """What changed between two editions. Codes are listed in the order of the edition they come from."""

    old_year: int
    new_year: int
    added: tuple[ServiceNode, ...] = ()
    removed: tuple[ServiceNode, ...] = ()
    renamed: tuple[Renamed, ...] = ()
    moved: tuple[Moved, ...] = ()
    enjeux_added: tuple[str, ...] = ()
    enjeux_removed: tuple[str, ...] = ()
    enjeux_changed: tuple[EnjeuChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.renamed
            or self.moved
            or self.enjeux_added
            or self.enjeux_removed
            or self.enjeux_changed
        )


def diff_trees(old: EditionTree, new: EditionTree) -> EditionDiff:
    """Services added, removed, renamed (same code, other label) and moved (same code, other enjeu),
    enjeux added and removed, and enjeu labels and questions changed, from `old` to `new`."""
    old_services = {service.code: (enjeu.code, service) for enjeu, service in old.services()}
    new_services = {service.code: (enjeu.code, service) for enjeu, service in new.services()}
    old_enjeux = {enjeu.code: enjeu for _theme, enjeu in old.enjeux()}
    new_enjeux = {enjeu.code: enjeu for _theme, enjeu in new.enjeux()}

    renamed: list[Renamed] = []
    moved: list[Moved] = []
    for code, (new_enjeu, new_service) in new_services.items():
        if code not in old_services:
            continue
        old_enjeu, old_service = old_services[code]
        if old_service.label != new_service.label:
            renamed.append(Renamed(code=code, old=old_service.label, new=new_service.label))
        if old_enjeu != new_enjeu:
            moved.append(Moved(code=code, old_enjeu=old_enjeu, new_enjeu=new_enjeu))

    enjeux_changed: list[EnjeuChange] = []
    for code, new_enjeu in new_enjeux.items():
        old_enjeu = old_enjeux.get(code)
        if old_enjeu is None:
            continue
        for field_name in ("label", "question"):
            before, after = getattr(old_enjeu, field_name), getattr(new_enjeu, field_name)
            if before != after:
                enjeux_changed.append(EnjeuChange(code=code, field=field_name, old=before, new=after))

    return EditionDiff(
        old_year=old.year,
        new_year=new.year,
        added=tuple(service for code, (_e, service) in new_services.items() if code not in old_services),
        removed=tuple(service for code, (_e, service) in old_services.items() if code not in new_services),
        renamed=tuple(renamed),
        moved=tuple(moved),
        enjeux_added=tuple(code for code in new_enjeux if code not in old_enjeux),
        enjeux_removed=tuple(code for code in old_enjeux if code not in new_enjeux),
        enjeux_changed=tuple(enjeux_changed),
    )
