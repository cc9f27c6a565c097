"""Demo data: the French text corpus and deterministic generators used by `manage.py generate_demo`."""
