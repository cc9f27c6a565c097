"""Creates the rooms of the #elunum space (one per theme of the current referential, one per région); idempotent.
With --demo, also a few élus' threads when the space is empty."""

from django.core.management.base import BaseCommand

from arobase.forum.demo import seed_demo_threads
from arobase.forum.services import ensure_rooms


class Command(BaseCommand):
    help = "Crée les salons de l'espace #elunum (et, avec --demo, quelques discussions d'exemple)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="Ajoute des discussions d'exemple si l'espace est vide."
        )

    def handle(self, *args, demo: bool = False, **options):
        self.stdout.write(f"Espace #elunum : {ensure_rooms()} salon(s) créé(s).")
        if demo:
            self.stdout.write(f"Espace #elunum : {seed_demo_threads()} discussion(s) d'exemple.")
