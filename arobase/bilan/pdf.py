"""The bilan as a PDF (WeasyPrint), with the progress recorded on its request."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone

from arobase.bilan.models import BilanRequest, BilanStatus
from arobase.bilan.selectors import build_bilan


def _progress(bilan_request: BilanRequest, progress: int, status: str = BilanStatus.RUNNING) -> None:
    bilan_request.progress = progress
    bilan_request.status = status
    bilan_request.save(update_fields=["progress", "status"])


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
        html = render_to_string("bilan/pdf.html", {"document": document})
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
