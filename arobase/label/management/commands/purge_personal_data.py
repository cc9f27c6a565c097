"""Daily retention of personal data (cron line in the README, "Backups and retention"): expired sessions, login
records older than 90 days, accounts never confirmed after 30 days. Safe to run any number of times."""

from django.core.management.base import BaseCommand

from arobase.label.personal_data import purge_expired_personal_data

LABELS = {
    "expired_sessions": "sessions expirées",
    "login_attempts": "compteurs de tentatives de connexion de plus de 90 jours",
    "login_logs": "journaux de connexion de plus de 90 jours",
    "login_failures": "échecs de connexion de plus de 90 jours",
    "unverified_accounts": "comptes jamais confirmés après 30 jours",
}


class Command(BaseCommand):
    help = "Supprime les données personnelles dont la durée de conservation est échue."

    def handle(self, *args, **options):
        counts = purge_expired_personal_data()
        for key, count in counts.items():
            self.stdout.write(f"{LABELS[key]} : {count} supprimé(s)")
