"""`manage.py restore ARCHIVE [--noinput]`: replace the database and the media with those of a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arobase.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restaure une sauvegarde : remplace toute la base de données et tous les fichiers envoyés."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Archive écrite par « manage.py backup ».")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="Ne demande pas de confirmation."
        )

    def handle(self, *args, archive: Path, interactive: bool = True, **options):
        if interactive:
            answer = input(
                "La base de données et les fichiers envoyés actuels seront remplacés par ceux de la sauvegarde. "
                "Arrêtez d'abord les serveurs d'application. Tapez « oui » pour continuer : "
            )
            if answer.strip().lower() != "oui":
                raise CommandError("Restauration annulée : rien n'a changé.")
        try:
            manifest = restore_backup(archive=archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Sauvegarde du {manifest['created_at']} restaurée ({manifest['engine']}).")
