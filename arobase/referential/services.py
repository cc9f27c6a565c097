"""Writes of the referential: loading data files, copying an edition for the next year, staff edits, mappings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arobase.referential.models import (
    EditionStatus,
    Enjeu,
    ReferentialEdition,
    Service,
    ServiceMapping,
    Theme,
)


class ReferentialError(Exception):
    """A referential operation that cannot be done; the message is in French, for staff."""


class ReferentialFileError(ReferentialError):
    """A referential data file that cannot be loaded; `errors` lists every problem found."""

    def __init__(self, path: Path | str, errors: Sequence[str]):
        self.path = Path(path)
        self.errors = list(errors)
        super().__init__(
            _("Fichier de référentiel invalide %(path)s : %(errors)s") % {"path": path, "errors": " ; ".join(errors)}
        )


# --- Data files -------------------------------------------------------------------------------------------


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def validate_referential_data(data: Any) -> list[str]:
    """Every problem of a referential data structure (see data/referential/README.md); empty when valid."""
    if not isinstance(data, dict):
        return [_("le fichier doit contenir un objet JSON")]
    errors: list[str] = []
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1999 <= year <= 2999:
        errors.append(_("« year » doit être une année"))
    if "status" in data and data["status"] not in EditionStatus.values:
        errors.append(_("« status » doit valoir %(values)s") % {"values": ", ".join(EditionStatus.values)})
    themes = data.get("themes")
    if not isinstance(themes, list) or not themes:
        errors.append(_("« themes » doit être une liste non vide"))
        return errors
    seen: dict[str, set[str]] = {"theme": set(), "enjeu": set(), "service": set()}

    def check(kind: str, node: Any, where: str, fields: Sequence[str]) -> bool:
        if not isinstance(node, dict):
            errors.append(_("%(where)s : objet attendu") % {"where": where})
            return False
        for name in ("code", *fields):
            if not _is_text(node.get(name)):
                errors.append(_("%(where)s : « %(field)s » manquant ou vide") % {"where": where, "field": name})
        code = node.get("code")
        if isinstance(code, str):
            if code in seen[kind]:
                errors.append(_("%(where)s : code « %(code)s » en double") % {"where": where, "code": code})
            seen[kind].add(code)
        return True

    for t, theme in enumerate(themes, start=1):
        where = _("thème n°%(n)s") % {"n": t}
        if not check("theme", theme, where, ["label"]):
            continue
        enjeux = theme.get("enjeux")
        if not isinstance(enjeux, list) or not enjeux:
            errors.append(_("%(where)s : « enjeux » doit être une liste non vide") % {"where": where})
            continue
        for e, enjeu in enumerate(enjeux, start=1):
            where = _("thème n°%(t)s, enjeu n°%(e)s") % {"t": t, "e": e}
            if not check("enjeu", enjeu, where, ["label", "question"]):
                continue
            services = enjeu.get("services")
            if not isinstance(services, list) or not services:
                errors.append(_("%(where)s : « services » doit être une liste non vide") % {"where": where})
                continue
            for s, service in enumerate(services, start=1):
                check("service", service, _("%(where)s, service n°%(s)s") % {"where": where, "s": s}, ["label"])
    return errors


def read_referential_file(path: Path | str) -> dict[str, Any]:
    """The parsed and validated content of a data file; raises `ReferentialFileError`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReferentialFileError(path, [str(error)]) from error
    errors = validate_referential_data(data)
    if errors:
        raise ReferentialFileError(path, errors)
    return data


def _edition_notes(data: dict[str, Any]) -> str:
    notes = (data.get("notes") or "").strip()
    to_review = [item for item in data.get("to_review") or [] if isinstance(item, dict)]
    if to_review:
        lines = [
            f"- {item.get('code', '?')} ({item.get('field', '?')}) : {item.get('note', '')}".rstrip()
            for item in to_review
        ]
        notes = "\n\n".join(part for part in (notes, _("À revoir :") + "\n" + "\n".join(lines)) if part)
    return notes


# --- Loading ----------------------------------------------------------------------------------------------


@dataclass
class LoadReport:
    """What `load_referential_with_report` did; codes are those of themes, enjeux and services."""

    edition: ReferentialEdition
    edition_created: bool
    themes: int = 0
    enjeux: int = 0
    services: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # "T1E1S01 (label)"
    moved: list[str] = field(default_factory=list)  # "T1E1S01 (T1E1 → T1E2)"
    # In the database but absent from the file: kept, since actions may be filed under them.
    kept: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.edition_created or bool(self.created or self.updated or self.moved)


def _apply(obj: Any, values: dict[str, Any]) -> list[str]:
    """Set the attributes that differ; return their names."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


@transaction.atomic
def load_referential_with_report(*, path: Path | str) -> LoadReport:
    """Create or update the edition described by a data file, idempotently.

    Labels, questions, positions and the enjeu of each service follow the file; missing themes, enjeux and
    services are created; nothing is ever deleted (what the file no longer lists is reported in `kept`).
    The status of an existing edition is left alone. Runs a fixed number of queries whatever the size.
    """
    data = read_referential_file(path)
    edition, edition_created = ReferentialEdition.objects.select_for_update().get_or_create(
        year=data["year"],
        defaults={
            "label": data.get("label", ""),
            "source": data.get("source", ""),
            "notes": _edition_notes(data),
            "status": data.get("status", EditionStatus.PUBLISHED),
        },
    )
    report = LoadReport(edition=edition, edition_created=edition_created)
    if not edition_created:
        fields = _apply(
            edition, {"label": data.get("label", ""), "source": data.get("source", ""), "notes": _edition_notes(data)}
        )
        if fields:
            edition.save(update_fields=[*fields, "updated_at"])
            report.updated.append(f"{edition.year} ({', '.join(fields)})")

    themes = {theme.code: theme for theme in Theme.objects.filter(edition=edition)}
    enjeux = {enjeu.code: enjeu for enjeu in Enjeu.objects.filter(edition=edition).select_related("theme")}
    services = {service.code: service for service in Service.objects.filter(edition=edition).select_related("enjeu")}

    def sync(model: type, existing: dict[str, Any], wanted: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
        """`wanted` holds (identity and values, parent) pairs in file order; creates and updates in bulk."""
        to_create, to_update, update_fields = [], [], set()
        for values in wanted:
            code = values["code"]
            obj = existing.get(code)
            if obj is None:
                obj = model(edition=edition, **values)
                to_create.append(obj)
                existing[code] = obj
                report.created.append(code)
                continue
            parent_name = {Enjeu: "theme", Service: "enjeu"}.get(model)
            old_parent = getattr(obj, parent_name).code if parent_name else None
            fields = _apply(obj, {k: v for k, v in values.items() if k != "code"})
            if not fields:
                continue
            to_update.append(obj)
            update_fields.update(fields)
            if parent_name and parent_name in fields:
                report.moved.append(f"{code} ({old_parent} → {getattr(obj, parent_name).code})")
                fields.remove(parent_name)
            if fields:
                report.updated.append(f"{code} ({', '.join(fields)})")
        if to_create:
            model.objects.bulk_create(to_create)
        if to_update:
            model.objects.bulk_update(to_update, sorted(update_fields))

    theme_rows, enjeu_rows, service_rows = [], [], []
    for t, theme_data in enumerate(data["themes"], start=1):
        theme_rows.append({"code": theme_data["code"], "label": theme_data["label"].strip(), "position": t})
        for e, enjeu_data in enumerate(theme_data["enjeux"], start=1):
            enjeu_rows.append((theme_data["code"], enjeu_data, e))
            for s, service_data in enumerate(enjeu_data["services"], start=1):
                service_rows.append((enjeu_data["code"], service_data, s))

    sync(Theme, themes, theme_rows)
    sync(
        Enjeu,
        enjeux,
        [
            {
                "code": enjeu_data["code"],
                "theme": themes[theme_code],
                "label": enjeu_data["label"].strip(),
                "question": enjeu_data["question"].strip(),
                "position": position,
            }
            for theme_code, enjeu_data, position in enjeu_rows
        ],
    )
    sync(
        Service,
        services,
        [
            {
                "code": service_data["code"],
                "enjeu": enjeux[enjeu_code],
                "label": service_data["label"].strip(),
                "description": (service_data.get("description") or "").strip(),
                "position": position,
            }
            for enjeu_code, service_data, position in service_rows
        ],
    )

    listed = {row["code"] for row in theme_rows}
    listed |= {enjeu_data["code"] for _c, enjeu_data, _p in enjeu_rows}
    listed |= {service_data["code"] for _c, service_data, _p in service_rows}
    report.kept = [code for code in [*themes, *enjeux, *services] if code not in listed]
    report.themes, report.enjeux, report.services = len(theme_rows), len(enjeu_rows), len(service_rows)
    return report


def load_referential(*, path: Path | str) -> ReferentialEdition:
    """Create or update the edition described by a data file (see `load_referential_with_report`)."""
    return load_referential_with_report(path=path).edition


# --- Editions ---------------------------------------------------------------------------------------------


@transaction.atomic
def copy_edition(*, source: ReferentialEdition, year: int, label: str = "") -> ReferentialEdition:
    """A new draft edition for `year` with the same themes, enjeux and services (same codes) as `source`,
    each service of `source` mapped to its copy. Runs a fixed number of queries."""
    if year <= source.year:
        raise ReferentialError(_("La nouvelle édition doit être postérieure à %(year)s.") % {"year": source.year})
    if ReferentialEdition.objects.filter(year=year).exists():
        raise ReferentialError(_("L'édition %(year)s du référentiel existe déjà.") % {"year": year})
    edition = ReferentialEdition.objects.create(
        year=year,
        label=label or _("Référentiel du label %(year)s") % {"year": year},
        status=EditionStatus.DRAFT,
        copied_from=source,
        source=source.source,
        notes=_("Copie de l'édition %(year)s.") % {"year": source.year},
    )
    old_themes = list(Theme.objects.filter(edition=source))
    new_themes = Theme.objects.bulk_create(
        [Theme(edition=edition, code=t.code, label=t.label, position=t.position) for t in old_themes]
    )
    theme_of = {old.pk: new for old, new in zip(old_themes, new_themes, strict=True)}
    old_enjeux = list(Enjeu.objects.filter(edition=source))
    new_enjeux = Enjeu.objects.bulk_create(
        [
            Enjeu(
                edition=edition,
                theme=theme_of[e.theme_id],
                code=e.code,
                label=e.label,
                question=e.question,
                position=e.position,
            )
            for e in old_enjeux
        ]
    )
    enjeu_of = {old.pk: new for old, new in zip(old_enjeux, new_enjeux, strict=True)}
    old_services = list(Service.objects.filter(edition=source))
    new_services = Service.objects.bulk_create(
        [
            Service(
                edition=edition,
                enjeu=enjeu_of[s.enjeu_id],
                code=s.code,
                label=s.label,
                description=s.description,
                position=s.position,
            )
            for s in old_services
        ]
    )
    ServiceMapping.objects.bulk_create(
        [ServiceMapping(from_service=old, to_service=new) for old, new in zip(old_services, new_services, strict=True)]
    )
    return edition


def update_edition(
    *, edition: ReferentialEdition, label: str | None = None, notes: str | None = None
) -> ReferentialEdition:
    fields = _apply(edition, {k: v for k, v in {"label": label, "notes": notes}.items() if v is not None})
    if fields:
        edition.save(update_fields=[*fields, "updated_at"])
    return edition


def publish_edition(*, edition: ReferentialEdition) -> ReferentialEdition:
    if edition.status != EditionStatus.PUBLISHED:
        edition.status = EditionStatus.PUBLISHED
        edition.save(update_fields=["status", "updated_at"])
    return edition


def _touch_edition(edition_id: int) -> None:
    """Mark the edition as changed: cached mosaïques are keyed on the editions' `updated_at`."""
    ReferentialEdition.objects.filter(pk=edition_id).update(updated_at=timezone.now())


def _clean_text(value: str | None, name: str, *, required: bool = True) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if required and not value:
        raise ReferentialError(_("« %(field)s » ne peut pas être vide.") % {"field": name})
    return value


def update_theme(*, theme: Theme, label: str | None = None, position: int | None = None) -> Theme:
    values = {"label": _clean_text(label, _("intitulé")), "position": position}
    fields = _apply(theme, {k: v for k, v in values.items() if v is not None})
    if fields:
        theme.save(update_fields=fields)
        _touch_edition(theme.edition_id)
    return theme


def update_enjeu(
    *,
    enjeu: Enjeu,
    label: str | None = None,
    question: str | None = None,
    position: int | None = None,
    theme: Theme | None = None,
) -> Enjeu:
    """Correct the label or the question of an enjeu, reorder it or move it to another theme of its edition."""
    if theme is not None and theme.edition_id != enjeu.edition_id:
        raise ReferentialError(_("Un enjeu ne peut pas changer d'édition du référentiel."))
    values = {
        "label": _clean_text(label, _("intitulé")),
        "question": _clean_text(question, _("question")),
        "position": position,
        "theme": theme,
    }
    fields = _apply(enjeu, {k: v for k, v in values.items() if v is not None})
    if fields:
        enjeu.save(update_fields=fields)
        _touch_edition(enjeu.edition_id)
    return enjeu


def update_service(
    *,
    service: Service,
    label: str | None = None,
    description: str | None = None,
    position: int | None = None,
    enjeu: Enjeu | None = None,
) -> Service:
    """Correct the label or the description of a service, reorder it or move it to another enjeu of its edition."""
    if enjeu is not None and enjeu.edition_id != service.edition_id:
        raise ReferentialError(_("Un service ne peut pas changer d'édition du référentiel."))
    values = {
        "label": _clean_text(label, _("intitulé")),
        "description": _clean_text(description, _("description"), required=False),
        "position": position,
        "enjeu": enjeu,
    }
    fields = _apply(service, {k: v for k, v in values.items() if v is not None})
    if fields:
        service.save(update_fields=fields)
        _touch_edition(service.edition_id)
    return service


def add_theme(*, edition: ReferentialEdition, code: str, label: str, position: int | None = None) -> Theme:
    """A new theme at the end of `edition` (or at `position`); its code must be new in the edition."""
    code = _clean_text(code, _("code"))
    if Theme.objects.filter(edition=edition, code=code).exists():
        raise ReferentialError(_("Le code %(code)s est déjà utilisé dans cette édition.") % {"code": code})
    if position is None:
        position = edition.themes.count() + 1
    _touch_edition(edition.pk)
    return Theme.objects.create(edition=edition, code=code, label=_clean_text(label, _("intitulé")), position=position)


def add_enjeu(*, theme: Theme, code: str, label: str, question: str, position: int | None = None) -> Enjeu:
    """A new enjeu at the end of `theme` (or at `position`); its code must be new in the edition."""
    code = _clean_text(code, _("code"))
    if Enjeu.objects.filter(edition_id=theme.edition_id, code=code).exists():
        raise ReferentialError(_("Le code %(code)s est déjà utilisé dans cette édition.") % {"code": code})
    if position is None:
        position = theme.enjeux.count() + 1
    _touch_edition(theme.edition_id)
    return Enjeu.objects.create(
        theme=theme,
        code=code,
        label=_clean_text(label, _("intitulé")),
        question=_clean_text(question, _("question")),
        position=position,
    )


def add_service(*, enjeu: Enjeu, code: str, label: str, description: str = "", position: int | None = None) -> Service:
    """A new service at the end of `enjeu` (or at `position`); its code must be new in the edition."""
    code = _clean_text(code, _("code"))
    if Service.objects.filter(edition_id=enjeu.edition_id, code=code).exists():
        raise ReferentialError(_("Le code %(code)s est déjà utilisé dans cette édition.") % {"code": code})
    if position is None:
        position = enjeu.services.count() + 1
    _touch_edition(enjeu.edition_id)
    return Service.objects.create(
        enjeu=enjeu,
        edition_id=enjeu.edition_id,
        code=code,
        label=_clean_text(label, _("intitulé")),
        description=_clean_text(description, _("description"), required=False),
        position=position,
    )


@transaction.atomic
def set_mapping(
    *,
    from_service: Service,
    to_services: Sequence[Service],
    edition: ReferentialEdition | None = None,
) -> list[ServiceMapping]:
    """Declare what `from_service` becomes in a newer edition, replacing what was declared before.

    One service for a plain continuation or a renaming, several for a split, none (with `edition`) when the
    service is dropped. `edition` defaults to that of `to_services`.
    """
    editions = {service.edition_id for service in to_services}
    if edition is None:
        if not to_services:
            raise ReferentialError(_("Indiquez l'édition cible quand le service n'a pas de correspondant."))
        edition = to_services[0].edition
    if editions - {edition.pk}:
        raise ReferentialError(_("Les services correspondants doivent appartenir à la même édition."))
    if edition.year <= from_service.edition.year:
        raise ReferentialError(
            _("Le service correspondant doit appartenir à une édition plus récente que le service d'origine.")
        )
    _touch_edition(edition.pk)
    ServiceMapping.objects.filter(from_service=from_service, to_service__edition=edition).exclude(
        to_service__in=to_services
    ).delete()
    existing = set(
        ServiceMapping.objects.filter(from_service=from_service, to_service__in=to_services).values_list(
            "to_service_id", flat=True
        )
    )
    ServiceMapping.objects.bulk_create(
        [ServiceMapping(from_service=from_service, to_service=s) for s in to_services if s.pk not in existing]
    )
    return list(
        ServiceMapping.objects.filter(from_service=from_service, to_service__edition=edition).select_related(
            "to_service"
        )
    )


def _check_mapping_editions(*, from_service: Service, to_service: Service) -> None:
    if to_service.edition.year <= from_service.edition.year:
        raise ReferentialError(
            _("Le service correspondant doit appartenir à une édition plus récente que le service d'origine.")
        )


@transaction.atomic
def save_mapping(*, mapping: ServiceMapping) -> ServiceMapping:
    """Record one correspondence (staff edit them one by one in /gestion/); the editions it joins are marked as
    changed, before and after the edit, so the cached mosaïques follow."""
    _check_mapping_editions(from_service=mapping.from_service, to_service=mapping.to_service)
    if mapping.pk:
        previous = ServiceMapping.objects.select_related("to_service").get(pk=mapping.pk)
        _touch_edition(previous.to_service.edition_id)
    mapping.save()
    _touch_edition(mapping.to_service.edition_id)
    return mapping


@transaction.atomic
def delete_mapping(*, mapping: ServiceMapping) -> None:
    _touch_edition(mapping.to_service.edition_id)
    mapping.delete()
