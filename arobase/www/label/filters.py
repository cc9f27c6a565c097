"""Filters of the palmarès (GET parameters): région, département, kind, population band, mention."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from arobase.core.text import normalize
from arobase.label.jury.scoring import POPULATION_BAND_LABELS, POPULATION_BANDS, UNKNOWN_BAND
from arobase.label.models import Result
from arobase.territories.models import LabelCategory


def _band_condition(key: str) -> Q | None:
    if key == UNKNOWN_BAND:
        return Q(territory__population__isnull=True)
    for band, low, high, _label in POPULATION_BANDS:
        if band == key:
            condition = Q(territory__population__gte=low)
            if high is not None:
                condition &= Q(territory__population__lte=high)
            return condition
    return None


class PalmaresFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(label=_("Région"), field_name="territory__region__code")
    departement = django_filters.CharFilter(label=_("Département"), field_name="territory__departement__code")
    kind = django_filters.ChoiceFilter(
        label=_("Catégorie"), field_name="category", choices=LabelCategory.choices, empty_label=_("Toutes")
    )
    population = django_filters.ChoiceFilter(
        label=_("Population"),
        choices=list(POPULATION_BAND_LABELS.items()),
        method="filter_population",
        empty_label=_("Toutes"),
    )
    mention = django_filters.CharFilter(label=_("Mention"), method="filter_mention")

    class Meta:
        model = Result
        fields: list[str] = []

    def filter_population(self, queryset: QuerySet[Result], name: str, value: str) -> QuerySet[Result]:
        condition = _band_condition(value)
        return queryset.filter(condition) if condition is not None else queryset

    def filter_mention(self, queryset: QuerySet[Result], name: str, value: str) -> QuerySet[Result]:
        key = normalize(value)
        return queryset.filter(mention_keys__contains=f"|{key}|") if key else queryset
