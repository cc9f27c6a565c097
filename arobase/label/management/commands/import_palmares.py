"""manage.py import_palmares FILE.csv [--dry-run] [--legacy] [--skip-invalid]: see label/palmares_import.py."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arobase.label.palmares.importing import apply_import, plan_import


class Command(BaseCommand):
    help = "Importe un ancien palmarès (CSV : year,code,name,departement,kind,arobases,mentions,alert,hors_concours)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Vérifier et rendre compte sans rien écrire.")
        parser.add_argument(
            "--legacy",
            action="store_true",
            help="Ancien palmarès : 0 @ (mention seule) admis, règles des arobases non vérifiées.",
        )
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Importer les lignes valides malgré les lignes en erreur."
        )

    def handle(self, *args, file: Path, dry_run: bool, legacy: bool, skip_invalid: bool, **options):
        try:
            with file.open(encoding="utf-8-sig", newline="") as handle:
                plan = plan_import(handle, legacy=legacy)
        except OSError as error:
            raise CommandError(f"Fichier illisible : {error}") from error
        for note in plan.notes:
            self.stdout.write(note.describe())
        for problem in plan.problems:
            self.stderr.write(problem.describe())
        valid = plan.valid_rows
        if plan.problems and not skip_invalid:
            raise CommandError(f"{len(plan.problems)} problème(s) : rien n'a été importé.")
        if dry_run:
            self.stdout.write(f"Essai : {len(valid)} résultat(s) seraient importés ; rien n'a été écrit.")
            return
        created, updated = apply_import(plan)
        skipped = len(plan.invalid_lines)
        self.stdout.write(
            f"{created} résultat(s) créé(s), {updated} mis à jour"
            + (f", {skipped} ligne(s) ignorée(s)." if skipped else ".")
        )
