from django.db import models
from django.utils.translation import gettext_lazy as _


class PageKey(models.TextChoices):
    """The editable pages: each has a fixed address, only its text changes."""

    HELP = "aide", _("Guide de participation")
    FAQ = "faq", _("Foire aux questions")
    REGULATION = "reglement", _("Règlement du label")
    CONTACT = "contact", _("Contact")


class Page(models.Model):
    """A page of help or rules written by staff in Markdown (rendered sanitised, see ``core.markdown``)."""

    key = models.CharField(_("page"), max_length=20, choices=PageKey.choices, unique=True)
    title = models.CharField(_("titre"), max_length=200)
    summary = models.CharField(
        _("résumé"), max_length=300, blank=True, help_text=_("Une phrase, reprise par les moteurs de recherche.")
    )
    body = models.TextField(
        _("texte"),
        help_text=_(
            "En Markdown : « ## Titre » pour un intertitre, « - » en début de ligne pour une liste, "
            "**gras**, [lien](https://…). Les scripts et le HTML non autorisé sont retirés."
        ),
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("page d'aide ou de règles")
        verbose_name_plural = _("pages d'aide et de règles")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.title
