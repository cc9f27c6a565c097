"""Test data of the demo tests: the day and size of the generated demo."""

from datetime import date
from zoneinfo import ZoneInfo

TODAY = date(2026, 6, 15)
PARIS = ZoneInfo("Europe/Paris")
ACTIONS = 200
POPULATIONS = [
    250_000, 120_000, 60_000, 45_000, 30_000, 22_000, 15_000, 9_000, 6_000, 4_200,
    3_000, 2_100, 1_500, 1_200, 900, 700, 500, 350, 220, 120,
]  # fmt: skip
