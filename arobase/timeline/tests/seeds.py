from importlib import import_module

from django.apps import apps


def reseed_timeline() -> None:
    """The seeded milestones again: a transactional test (the browser tests) empties every table after it runs,
    the data migration's rows included. The seeding is idempotent."""
    import_module("arobase.timeline.migrations.0002_seed_grandes_etapes").seed(apps, None)
