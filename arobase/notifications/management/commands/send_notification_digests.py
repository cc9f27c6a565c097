"""Daily: one email per person grouping the notifications they receive as a digest (run by cron or a timer)."""

from django.core.management.base import BaseCommand

from arobase.notifications.tasks import send_notification_digests


class Command(BaseCommand):
    help = "Envoie le résumé quotidien des notifications."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Confie l'envoi aux tâches d'arrière-plan.")

    def handle(self, *args, enqueue: bool = False, **options):
        if enqueue:
            send_notification_digests.enqueue()
            self.stdout.write("Envoi des résumés confié aux tâches d'arrière-plan.")
        else:
            sent = send_notification_digests.call()
            self.stdout.write(f"Résumés envoyés : {sent}.")
