"""manage.py send_candidacy_reminders [--today YYYY-MM-DD]: remind référents a week before the deadline."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from arobase.label.candidacies.services import send_candidacy_reminders


class Command(BaseCommand):
    help = "Relance les référents dont le dossier n'est pas validé, une semaine avant la date limite."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Date du jour (AAAA-MM-JJ), pour rattraper ou tester.")

    def handle(self, *args, today: str | None = None, **options):
        day = None
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError as error:
                raise CommandError("Date invalide : attendu AAAA-MM-JJ.") from error
        sent = send_candidacy_reminders(today=day)
        self.stdout.write(f"{sent} relance(s) envoyée(s).")
