from django.core.management.base import BaseCommand, CommandError

from arobase.elunum import rules, services, tasks
from arobase.elunum.models import Source, SourceStatus


class Command(BaseCommand):
    help = (
        "Explore les sources de confiance approuvées d'Elunum. Sans option, confie aux workers l'exploration des "
        "sources dues (une tâche par hôte) et démarre le calendrier des explorations. --source URL : seulement la "
        "source de cette adresse. --once : explore les sources dues jusqu'au bout, ici même, puis affiche une ligne "
        "de résumé."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", metavar="URL", help="Adresse (préfixe) d'une source approuvée.")
        parser.add_argument("--once", action="store_true", help="Explore au premier plan puis affiche un résumé.")

    def handle(self, *args, source: str | None, once: bool, **options):
        hosts = sorted(set(services.due_sources().values_list("host", flat=True)))
        if source:
            try:
                prefix = rules.normalised_prefix(source)
            except ValueError as error:
                raise CommandError("Adresse invalide (http:// ou https:// attendu).") from error
            found = Source.objects.filter(url_prefix=prefix, status=SourceStatus.APPROVED).first()
            if found is None:
                raise CommandError(f"Aucune source approuvée à l'adresse {prefix}.")
            hosts = [found.host]
            source_ids = [found.pk]
        else:
            source_ids = None
        if not once:
            for host in hosts:
                tasks.crawl_host.enqueue(host, source_ids)
            if not source:
                tasks.schedule_tick.enqueue()
            self.stdout.write(f"Exploration confiée aux workers : {len(hosts)} hôte(s).")
            return
        total = services.CrawlSummary()
        for host in hosts:
            summary = services.crawl_host(host, only_due=not source, source_ids=source_ids)
            for name in ("sources", "fetched", "indexed", "not_modified", "removed", "errors"):
                setattr(total, name, getattr(total, name) + getattr(summary, name))
            total.busy_hosts += summary.busy_hosts
        self.stdout.write(
            f"Exploration : {total.sources} source(s), {total.fetched} requête(s), {total.indexed} page(s) indexée(s), "
            f"{total.not_modified} inchangée(s), {total.removed} retirée(s), {total.errors} erreur(s), "
            f"{len(total.busy_hosts)} hôte(s) occupé(s) par un autre worker."
        )
