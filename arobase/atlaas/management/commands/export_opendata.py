from pathlib import Path

from django.core.management.base import BaseCommand

from arobase.atlaas.opendata import export_opendata, output_dir


class Command(BaseCommand):
    help = "Écrit les fichiers de données ouvertes de l'Atlaas : actions en CSV (avec son Table Schema) et GeoJSON."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None, help="Dossier de sortie (ATLAAS_OPENDATA_DIR).")
        parser.add_argument("--base-url", default="", help="Adresse du site pour les liens (SITE_URL).")

    def handle(self, *args, output=None, base_url="", **options):
        directory = output or output_dir()
        counts = export_opendata(directory, base_url=base_url)
        message = f"{counts['actions']} actions ({counts['located']} géolocalisées) écrites dans {directory}."
        self.stdout.write(self.style.SUCCESS(message))
