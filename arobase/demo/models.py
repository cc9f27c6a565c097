"""The marker of a demo dataset (see `services.py`): what was generated and what must be undone on reset."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoRun(models.Model):
    """One run of `manage.py generate_demo`. Demo users are recognised by their e-mail domain and demo actions by
    their author (a demo user); this row keeps what cannot be recognised that way: the collectivités whose
    label category the demo filled in (blank before), to blank it again on reset."""

    seed = models.BigIntegerField(_("graine"))
    actions = models.PositiveIntegerField(_("actions demandées"))
    reference_date = models.DateField(_("date de référence"))
    # [[territory id, label category], ...]: the categories the demo filled in (they were blank).
    labelled_territories = models.JSONField(_("catégories au label renseignées"), default=list)
    created_at = models.DateTimeField(_("générées le"), auto_now_add=True)

    class Meta:
        verbose_name = _("jeu de données de démonstration")
        verbose_name_plural = _("jeux de données de démonstration")

    def __str__(self) -> str:
        return f"Démo : {self.actions} actions, graine {self.seed} ({self.reference_date})"
