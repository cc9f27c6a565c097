"""manage.py compute_barometre YEAR [--freeze] [--new-edition]: the command-line face of `barometre.services`."""

from django.core.management.base import BaseCommand, CommandError

from arobase.barometre import errors, services


class Command(BaseCommand):
    help = "Calcule le brouillon du baromètre d'une année du label (et le fige avec --freeze)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="Année du label.")
        parser.add_argument("--freeze", action="store_true", help="Fige et publie l'édition calculée.")
        parser.add_argument(
            "--new-edition",
            action="store_true",
            help="Commence une nouvelle édition quand celle de l'année est déjà figée.",
        )

    def handle(self, *args, year: int, freeze: bool, new_edition: bool, **options):
        try:
            edition = services.compute_edition(year=year, actor=None, new_edition=new_edition)
            if freeze:
                edition = services.freeze_edition(year=year, actor=None)
        except errors.BarometreError as error:
            raise CommandError(str(error)) from error
        state = "figé et publié" if edition.is_frozen else "calculé (brouillon)"
        self.stdout.write(f"Baromètre {year} {state} : {edition.figures['collectivites']} collectivités.")
