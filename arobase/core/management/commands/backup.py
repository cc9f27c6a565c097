"""`manage.py backup --to DIR`: one dated archive of the database and the media; its path is the last line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arobase.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Sauvegarde la base de données et les fichiers envoyés dans une archive datée."

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, type=Path, help="Dossier où écrire l'archive.")

    def handle(self, *args, to: Path, **options):
        try:
            archive = create_backup(to=to)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Sauvegarde écrite ({archive.stat().st_size} octets) :")
        self.stdout.write(str(archive))
