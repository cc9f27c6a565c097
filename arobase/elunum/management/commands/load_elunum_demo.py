from django.conf import settings
from django.core.management.base import BaseCommand

from arobase.elunum import services

DEMO_FILE = settings.BASE_DIR / "data" / "demo" / "elunum_pages.json"


class Command(BaseCommand):
    help = (
        "Charge le corpus de démonstration d'Elunum (sources et pages marquées « démonstration », jamais "
        "explorées), s'il n'est pas déjà chargé : Elunum répond dès l'installation, sans accès au réseau."
    )

    def handle(self, *args, **options):
        loaded = services.load_demo_corpus(DEMO_FILE)
        self.stdout.write(
            f"Elunum : {loaded} page(s) de démonstration chargée(s)." if loaded else "Elunum : déjà chargé."
        )
