from django.core.management.base import BaseCommand

from arobase.demo.network_demo import generate_network_demo


class Command(BaseCommand):
    help = "Articles, événements (dont la journée nationale) et repères épinglés de démonstration (idempotent)."

    def handle(self, *args, **options):
        created = generate_network_demo()
        self.stdout.write(f"Vie du réseau : {created} éléments de démonstration ajoutés.")
