from django.core.management.base import BaseCommand

from arobase.atlaas.services import reindex_everything


class Command(BaseCommand):
    help = "Reconstruit l'index de recherche plein texte de toutes les actions."

    def handle(self, *args, **options):
        count = reindex_everything()
        self.stdout.write(self.style.SUCCESS(f"{count} actions indexées."))
