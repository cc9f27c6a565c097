from django.core.management.base import BaseCommand

from arobase.mosaic.services import refresh_coverage


class Command(BaseCommand):
    help = "Recalcule la table de couverture (services allumés par collectivité et année du label)."

    def handle(self, *args, **options):
        rows = refresh_coverage()
        self.stdout.write(self.style.SUCCESS(f"{rows} services allumés enregistrés."))
