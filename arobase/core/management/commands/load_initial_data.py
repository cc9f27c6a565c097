"""Loads what a fresh database needs, skipping what is already there (called by `make run`)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from arobase.referential.models import ReferentialEdition
from arobase.territories.models import Territory, TerritoryKind


class Command(BaseCommand):
    help = "Charge les données officielles (territoires, référentiel) si elles manquent."

    def handle(self, *args, **options):
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
