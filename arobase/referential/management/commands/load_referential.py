"""manage.py load_referential: create or update editions of the referential from data/referential/*.json."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from arobase.referential.services import ReferentialError, load_referential_with_report


def data_dir() -> Path:
    return Path(getattr(settings, "REFERENTIAL_DATA_DIR", settings.BASE_DIR / "data" / "referential"))


class Command(BaseCommand):
    help = "Charge ou met à jour les éditions du référentiel (par défaut : tous les fichiers de data/referential/)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--file", type=Path, help="Un fichier JSON d'édition du référentiel.")
        group.add_argument("--all", action="store_true", help="Tous les fichiers *.json de data/referential/ (défaut).")

    def handle(self, *args, file: Path | None = None, all: bool = False, **options):
        paths = [file] if file else sorted(data_dir().glob("*.json"))
        if not paths:
            raise CommandError(_("Aucun fichier de référentiel dans %(dir)s.") % {"dir": data_dir()})
        for path in paths:
            try:
                report = load_referential_with_report(path=path)
            except ReferentialError as error:
                raise CommandError(str(error)) from error
            if report.edition_created:
                state = _("édition créée")
            elif report.changed:
                state = _("édition mise à jour")
            else:
                state = _("édition inchangée")
            self.stdout.write(
                _(
                    "Référentiel %(year)s (%(file)s) : %(state)s — %(themes)s thèmes, %(enjeux)s enjeux, "
                    "%(services)s services ; éléments créés : %(created)s, modifiés : %(updated)s, "
                    "déplacés : %(moved)s."
                )
                % {
                    "year": report.edition.year,
                    "file": path.name,
                    "state": state,
                    "themes": report.themes,
                    "enjeux": report.enjeux,
                    "services": report.services,
                    "created": len(report.created),
                    "updated": len(report.updated),
                    "moved": len(report.moved),
                }
            )
            details = [(_("modifié"), report.updated), (_("déplacé"), report.moved)]
            if not report.edition_created:
                details.append((_("créé"), report.created))
            for kind, lines in details:
                for line in lines:
                    self.stdout.write(f"  {kind} : {line}")
            if report.kept:
                self.stdout.write(
                    self.style.WARNING(
                        _("  Absents du fichier, conservés : %(codes)s") % {"codes": ", ".join(report.kept)}
                    )
                )
