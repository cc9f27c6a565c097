from django.core.management.base import BaseCommand, CommandError

from arobase.elunum import services


class Command(BaseCommand):
    help = (
        "Importe des sources de confiance d'Elunum depuis un fichier CSV : UTF-8, séparé par des virgules, une ligne "
        "d'en-tête avec les colonnes url (hôte ou préfixe d'adresse, http:// ou https://), name (nom), kind (type : "
        "collectivite, ministere, agence, association, presse ou recherche) et, facultatives, territory (code INSEE "
        "ou SIREN de la collectivité) et status (candidate, approved ou suspended ; approved si absent). "
        "Idempotent : une adresse déjà connue est mise à jour. Chaque ligne invalide est signalée avec sa raison, "
        "et rien n'est importé si le fichier en contient (sauf avec --skip-errors)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.csv", help="Fichier CSV des sources.")
        parser.add_argument("--dry-run", action="store_true", help="Vérifie le fichier sans rien importer.")
        parser.add_argument(
            "--skip-errors", action="store_true", help="Importe les lignes valides malgré les lignes invalides."
        )

    def handle(self, *args, file: str, dry_run: bool, skip_errors: bool, **options):
        try:
            with open(file, encoding="utf-8-sig", newline="") as handle:
                report = services.import_sources(handle, dry_run=dry_run, skip_errors=skip_errors, staff_check=False)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Lecture impossible de {file} : {error}") from error
        for error in report.errors:
            self.stderr.write(error)
        if report.errors and not skip_errors and not dry_run:
            raise CommandError(f"{len(report.errors)} ligne(s) invalide(s) : rien n'a été importé.")
        if dry_run:
            self.stdout.write(f"Vérification : {len(report.errors)} ligne(s) invalide(s), rien n'a été importé.")
        else:
            self.stdout.write(f"Sources : {report.created} créée(s), {report.updated} mise(s) à jour.")
