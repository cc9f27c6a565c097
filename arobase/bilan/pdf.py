"""The bilan as a PDF (WeasyPrint), with the progress recorded on its request."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from arobase.bilan.models import BilanRequest, BilanStatus
from arobase.bilan.selectors import BilanDocument, build_bilan

# The printed bilan gives the examples and contacts of the first gaps only; the comparison page has them all. With
# every one, a large intercommunality's bilan ran to 36 pages and over 5 s of rendering at 300,000 actions.
PRINTED_GAPS_WITH_EXAMPLES = 10


def _progress(bilan_request: BilanRequest, progress: int, status: str = BilanStatus.RUNNING) -> None:
    bilan_request.progress = progress
    bilan_request.status = status
    bilan_request.save(update_fields=["progress", "status"])


def bilan_html(document: BilanDocument) -> str:
    """The HTML of the printed bilan."""
    territory = document.territory
    compare_path = reverse("peers:compare", kwargs={"kind": territory.kind, "code": territory.code})
    return render_to_string(
        "bilan/pdf.html",
        {
            "document": document,
            "examples_limit": PRINTED_GAPS_WITH_EXAMPLES,
            "compare_url": f"{settings.SITE_URL.rstrip('/')}{compare_path}?annee={document.year}",
        },
    )


def render_pdf(html: str) -> bytes:
    # WeasyPrint loads Pango and logs at import: only the processes that render a PDF pay for it.
    from weasyprint import HTML

    return HTML(string=html, base_url="/").write_pdf()


def generate_pdf(bilan_request: BilanRequest) -> None:
    """Build the document, render it and store the PDF, recording the progress on the way."""
    try:
        _progress(bilan_request, 10)
        document = build_bilan(territory=bilan_request.territory, year=bilan_request.year)
        _progress(bilan_request, 40)
        html = bilan_html(document)
        _progress(bilan_request, 60)
        pdf = render_pdf(html)
        bilan_request.pdf.save(
            f"bilan-{bilan_request.territory.code}-{bilan_request.year}-{bilan_request.pk}.pdf",
            ContentFile(pdf),
            save=False,
        )
        bilan_request.status = BilanStatus.DONE
        bilan_request.progress = 100
        bilan_request.finished_at = timezone.now()
        bilan_request.save(update_fields=["pdf", "status", "progress", "finished_at"])
    except Exception:
        bilan_request.status = BilanStatus.FAILED
        bilan_request.finished_at = timezone.now()
        bilan_request.save(update_fields=["status", "finished_at"])
        raise
