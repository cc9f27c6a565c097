"""Reads of the timeline. Public surfaces see published milestones and label milestones computed from
`label.selectors.published_results()` only: a campaign before its ceremony adds nothing here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from arobase.label.selectors import published_results
from arobase.territories.models import Territory
from arobase.timeline import rules
from arobase.timeline.models import Milestone, MilestoneStatus, Track


@dataclass(frozen=True)
class Entry:
    """One line of the timeline, stored or computed."""

    date: datetime.date
    precision: str
    track: str
    title: str
    body: str
    source_text: str
    source_url: str
    territory: Territory | None
    image_url: str = ""
    image_credit: str = ""
    image_alt: str = ""

    @property
    def track_label(self) -> str:
        return Track(self.track).label

    @property
    def date_label(self) -> str:
        return rules.date_label(self.date, self.precision)

    @property
    def year(self) -> int:
        return self.date.year


def territories_with_code(code: str) -> QuerySet[Territory]:
    """Collectivités (communes, EPCI, foreign ones) answering to an INSEE code or SIREN."""
    return Territory.objects.filter(Q(code=code) | Q(siren=code)).exclude(kind__in=("region", "departement"))


def milestones_version() -> str:
    """Changes when a milestone is added, removed or moderated: cached public views are keyed on it."""
    last = Milestone.objects.order_by("-moderated_at").values_list("moderated_at", flat=True).first()
    return f"{Milestone.objects.count()}.{last}"


def published_milestones() -> QuerySet[Milestone]:
    return Milestone.objects.filter(status=MilestoneStatus.PUBLISHED).select_related("territory")


def _stored_entry(milestone: Milestone) -> Entry:
    return Entry(
        date=milestone.date,
        precision=milestone.precision,
        track=milestone.track,
        title=milestone.title,
        body=milestone.body,
        source_text=milestone.source_text,
        source_url=milestone.source_url,
        territory=milestone.territory,
        image_url=milestone.image.url if milestone.image else "",
        image_credit=milestone.image_credit,
        image_alt=milestone.image_alt,
    )


def label_entries(
    *, territories: QuerySet[Territory] | None = None, now: datetime.datetime | None = None
) -> list[Entry]:
    """First labels and new arobases from the published palmarès (computed at read time, never stored)."""
    results = published_results(now=now)
    if territories is not None:
        results = results.filter(territory__in=territories)
    rows = list(results.order_by().values_list("territory_id", "year", "arobases"))
    steps = rules.label_steps(rules.PublishedResult(*row) for row in rows)
    names = Territory.objects.in_bulk({step.territory_id for step in steps})
    entries = []
    for step in steps:
        territory = names[step.territory_id]
        at_signs = "@" * step.arobases
        title = (
            f"{territory.name} obtient son premier label ({at_signs})"
            if step.first
            else f"{territory.name} passe à {step.arobases} @ ({at_signs})"
        )
        entries.append(
            Entry(
                date=datetime.date(step.year, 1, 1),
                precision="year",
                track=Track.COLLECTIVITES,
                title=title,
                body="",
                source_text=f"Palmarès {step.year} du label Territoires, Villes et Villages Internet",
                source_url=reverse("label:palmares", kwargs={"year": step.year}),
                territory=territory,
            )
        )
    return entries


def yearly_label_entries(*, now: datetime.datetime | None = None) -> list[Entry]:
    """One line per public palmarès: how many collectivités got their first label, how many a new arobase (the
    national page, where one line per collectivité would bury everything else)."""
    steps = rules.label_steps(
        rules.PublishedResult(*row)
        for row in published_results(now=now).order_by().values_list("territory_id", "year", "arobases")
    )
    firsts: dict[int, int] = {}
    ups: dict[int, int] = {}
    for step in steps:
        counter = firsts if step.first else ups
        counter[step.year] = counter.get(step.year, 0) + 1
    entries = []
    for year in sorted(set(firsts) | set(ups)):
        first, up = firsts.get(year, 0), ups.get(year, 0)
        parts = []
        if first:
            parts.append(
                ngettext(
                    "%(n)s collectivité labellisée pour la première fois",
                    "%(n)s collectivités labellisées pour la première fois",
                    first,
                )
                % {"n": first}
            )
        if up:
            parts.append(
                ngettext("%(n)s collectivité gagne une arobase", "%(n)s collectivités gagnent une arobase", up)
                % {"n": up}
            )
        entries.append(
            Entry(
                date=datetime.date(year, 1, 1),
                precision="year",
                track=Track.COLLECTIVITES,
                title=f"Palmarès {year} : " + ", ".join(parts),
                body="",
                source_text=f"Palmarès {year} du label Territoires, Villes et Villages Internet",
                source_url=reverse("label:palmares", kwargs={"year": year}),
                territory=None,
            )
        )
    return entries


def timeline_entries(
    *,
    track: str = "",
    territory_code: str = "",
    with_national: bool = False,
    labels_by_year: bool = False,
    now: datetime.datetime | None = None,
) -> list[Entry]:
    """The timeline, oldest first. ``territory_code`` keeps the milestones of that collectivité (and the national
    ones too with ``with_national``, for the embed); blank filters filter nothing. Label milestones are one per
    collectivité and step, or with ``labels_by_year`` and no collectivité, one summary per palmarès."""
    now = now or timezone.now()
    milestones = published_milestones()
    territories = None
    if track:
        milestones = milestones.filter(track=track)
    if territory_code:
        territories = territories_with_code(territory_code)
        own = Q(territory__in=territories)
        milestones = milestones.filter(own | Q(territory__isnull=True) if with_national else own)
    entries = [_stored_entry(milestone) for milestone in milestones]
    if track in ("", Track.COLLECTIVITES):
        if labels_by_year and territories is None:
            entries += yearly_label_entries(now=now)
        else:
            entries += label_entries(territories=territories, now=now)
    return sorted(entries, key=lambda entry: (entry.date, list(Track.values).index(entry.track), entry.title))


def entries_by_year(entries: list[Entry]) -> list[tuple[int, list[Entry]]]:
    years: dict[int, list[Entry]] = {}
    for entry in entries:
        years.setdefault(entry.year, []).append(entry)
    return list(years.items())


def milestones_to_moderate() -> QuerySet[Milestone]:
    return Milestone.objects.filter(status=MilestoneStatus.PROPOSED).select_related("territory", "proposed_by")


def milestones_of(territory: Territory) -> QuerySet[Milestone]:
    """Published milestones pinned by the collectivité (its page)."""
    return published_milestones().filter(territory=territory).order_by("-date")
