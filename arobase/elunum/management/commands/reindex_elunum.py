from django.core.management.base import BaseCommand

from arobase.elunum import search


class Command(BaseCommand):
    help = (
        "Reconstruit l'index de recherche des pages d'Elunum (les actions sont cherchées dans l'index de l'Atlaas : "
        "manage.py rebuild_search_index)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Elunum : {search.rebuild()} page(s) indexée(s).")
