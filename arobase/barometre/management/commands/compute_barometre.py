"""manage.py compute_barometre (YEAR | --latest-published) [--freeze] [--new-edition]: the command-line face of
`barometre.services`. `--latest-published` takes the latest label year with a public palmarès (for the demo)."""

from django.core.management.base import BaseCommand, CommandError

from arobase.barometre import errors, selectors, services


class Command(BaseCommand):
    help = "Calcule le brouillon du baromètre d'une année du label (et le fige avec --freeze)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, nargs="?", help="Année du label.")
        parser.add_argument(
            "--latest-published", action="store_true", help="Prend la dernière année dont le palmarès est publié."
        )
        parser.add_argument("--freeze", action="store_true", help="Fige et publie l'édition calculée.")
        parser.add_argument(
            "--new-edition",
            action="store_true",
            help="Commence une nouvelle édition quand celle de l'année est déjà figée.",
        )

    def _progress(self, percent: int, step: str) -> None:
        self.stdout.write(f"{percent:3d} % {step}")

    def handle(self, *args, year: int | None, latest_published: bool, freeze: bool, new_edition: bool, **options):
        if latest_published:
            year = selectors.latest_published_results_year()
            if year is None:
                self.stdout.write("Baromètre : aucun palmarès publié, rien à calculer.")
                return
        if year is None:
            raise CommandError("Indiquez l'année du label, ou --latest-published.")
        try:
            edition = services.compute_edition(
                year=year,
                actor=None,
                new_edition=new_edition,
                progress=self._progress if options["verbosity"] > 1 else None,
            )
            if freeze:
                edition = services.freeze_edition(year=year, actor=None)
        except errors.BarometreError as error:
            raise CommandError(str(error)) from error
        state = "figé et publié" if edition.is_frozen else "calculé (brouillon)"
        self.stdout.write(f"Baromètre {year} {state} : {edition.figures['collectivites']} collectivités.")
