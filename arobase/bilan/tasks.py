"""The bilan PDF in the background (Django Tasks API; `db_worker` runs it, tests run it at once)."""

from django_tasks import task

from arobase.bilan.models import BilanRequest
from arobase.bilan.pdf import generate_pdf


@task()
def generate_bilan_pdf(request_id: int) -> None:
    bilan_request = BilanRequest.objects.filter(pk=request_id).select_related("territory").first()
    if bilan_request is not None:
        generate_pdf(bilan_request)
