"""manage.py generate_demo [--actions N] [--seed S] [--today AAAA-MM-JJ] [--reset]: the demo dataset."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from arobase.demo.services import DEFAULT_ACTIONS, DEFAULT_SEED, DemoDataError, generate_demo


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Date invalide : « {value} » (format attendu : AAAA-MM-JJ).") from None


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


class Command(BaseCommand):
    help = (
        "Génère des données de démonstration réalistes et reproductibles : collectivités participantes, "
        "comptes, actions avec lieux, acteurs et liens."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--actions", type=int, default=DEFAULT_ACTIONS, help=f"Nombre d'actions (défaut : {DEFAULT_ACTIONS})."
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"Graine du tirage aléatoire (défaut : {DEFAULT_SEED})."
        )
        parser.add_argument(
            "--today",
            type=_date,
            default=None,
            help="Date de référence AAAA-MM-JJ (défaut : aujourd'hui) : les dates sont réparties sur les six années "
            "qui la précèdent.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Supprime d'abord les données de démonstration existantes (jamais les autres).",
        )

    def handle(self, *args, actions: int, seed: int, today: date | None, reset: bool, **options):
        today = today or timezone.localdate()
        self.stdout.write(f"Génération de {_n(actions)} actions de démonstration (graine {seed}, au {today:%d/%m/%Y})…")
        try:
            report = generate_demo(actions=actions, seed=seed, today=today, reset=reset, progress=self.stdout.write)
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Terminé en {report.seconds:.1f} s : {_n(report.actions)} actions ({_n(report.published)} publiées, "
                f"{_n(report.drafts)} brouillons, {_n(report.unpublished)} dépubliées), {_n(report.shared)} partagées, "
                f"{_n(report.places)} lieux, {_n(report.actors)} acteurs, {_n(report.links)} liens ; "
                f"{_n(report.collectivites)} collectivités, {_n(report.users)} comptes."
            )
        )
        self.stdout.write("Comptes de démonstration (tous les autres comptes n'ont pas de mot de passe utilisable) :")
        labels = {"staff": "équipe", "referent": "référent", "contributor": "contributeur", "juror": "juré"}
        for login in report.logins:
            line = f"  {labels[login.role]:<13} {login.email}  mot de passe : {login.password}  ({login.territory})"
            self.stdout.write(line)
            if login.note:
                self.stdout.write(f"                {login.note}")
