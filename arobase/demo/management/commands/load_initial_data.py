"""Loads what a fresh database needs, skipping what is already there (called by `make run`).

Without any action yet, it also generates the default demo dataset (3,000 actions, see `generate_demo`), except in
production, with `--no-demo` or with the environment variable `DEMO_DATA=0`; `DEMO_ACTIONS=N` changes its size.
When published actions exist and the open-data files were never written, it writes them (`export_opendata`), so
that the open-data page of a fresh install offers its files instead of waiting for the nightly run."""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from arobase.actions.models import Action
from arobase.atlaas.opendata import available_files
from arobase.demo.services import demo_data_exists
from arobase.referential.models import ReferentialEdition
from arobase.territories.models import Territory, TerritoryKind


class Command(BaseCommand):
    help = "Charge les données officielles (territoires, référentiel) si elles manquent."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Ne génère pas les données de démonstration.")

    def handle(self, *args, no_demo: bool = False, **options):
        if Territory.objects.filter(kind=TerritoryKind.COMMUNE).exists():
            self.stdout.write("Territoires officiels : déjà chargés.")
        else:
            self.stdout.write("Territoires officiels : chargement…")
            call_command("import_territories", stdout=self.stdout)
        if ReferentialEdition.objects.exists():
            self.stdout.write("Référentiel : déjà chargé.")
        else:
            self.stdout.write("Référentiel : chargement…")
            call_command("load_referential", stdout=self.stdout)
        skip_demo = no_demo or os.environ.get("DEMO_DATA", "1").strip().lower() in ("0", "false", "no", "non")
        self._demo(skip=skip_demo)
        if not skip_demo and not getattr(settings, "PRODUCTION", False):
            call_command("load_elunum_demo", stdout=self.stdout)
        self._opendata()
        call_command(
            "ensure_forum_rooms", demo=not skip_demo and not getattr(settings, "PRODUCTION", False), stdout=self.stdout
        )

    def _opendata(self) -> None:

        if available_files():
            self.stdout.write("Données ouvertes : déjà écrites.")
        elif Action.objects.filter(is_published=True).exists():
            self.stdout.write("Données ouvertes : écriture des fichiers…")
            call_command("export_opendata", stdout=self.stdout)

    def _demo(self, *, skip: bool) -> None:

        if skip or getattr(settings, "PRODUCTION", False):
            self.stdout.write("Données de démonstration : non demandées.")
        elif Action.objects.exists() or demo_data_exists():
            self.stdout.write("Données de démonstration : inutiles (des actions existent déjà).")
        else:
            self.stdout.write("Données de démonstration : génération (DEMO_DATA=0 pour s'en passer)…")
            call_command("generate_demo", actions=int(os.environ.get("DEMO_ACTIONS", 3_000)), stdout=self.stdout)
            call_command("compute_barometre", "--latest-published", "--freeze", stdout=self.stdout)
            call_command("generate_network_demo", stdout=self.stdout)
