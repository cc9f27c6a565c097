"""manage.py import_territories [--source FILE]: load the official territory snapshot (idempotent)."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from arobase.territories.services import SnapshotError, import_territories


class Command(BaseCommand):
    help = "Importe ou met à jour les régions, départements, EPCI et communes depuis l'instantané officiel."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            type=Path,
            default=None,
            help="Fichier d'instantané (par défaut : settings.TERRITORIES_SNAPSHOT).",
        )

    def handle(self, *args, source: Path | None, **options):
        source = source or Path(settings.TERRITORIES_SNAPSHOT)
        if not source.exists():
            raise CommandError(f"Fichier introuvable : {source}")
        self.stdout.write(f"Import des territoires depuis {source}")
        started = time.perf_counter()
        try:
            report = import_territories(source=source, progress=self.stdout.write)
        except SnapshotError as error:
            raise CommandError(str(error)) from error
        style = self.style.SUCCESS if report.changed else self.style.NOTICE
        self.stdout.write(style(f"Terminé en {time.perf_counter() - started:.1f} s."))
