"""Test data of the mosaic tests: helpers that build it (the communes are the root `amiens` and `brest`)."""

from datetime import datetime

from django.utils import timezone


def local(year: int, month: int = 6, day: int = 15, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=timezone.get_current_timezone())
