"""The bilan territorial: the page, its PDF generated in the background, and the experts' commentaries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arobase.actions.rules import next_label_year
from arobase.atlaas.selectors import actions_version
from arobase.bilan import services
from arobase.bilan.models import BilanRequest, BilanStatus, Commentary, Section
from arobase.bilan.selectors import build_bilan
from arobase.core.caching import local_day, public_page
from arobase.label.selectors import published_results_version
from arobase.mosaic.selectors import UnknownLabelYear, label_years
from arobase.peers.selectors import PEER_KINDS
from arobase.referential.selectors import editions_version
from arobase.territories.models import Territory
from arobase.territories.selectors import territory_detail
from arobase.www.bilan.forms import CommentaryForm


def comparable_territory(kind: str, code: str) -> Territory:
    """A commune or an EPCI (the collectivités a bilan is made for), else 404."""
    territory = territory_detail(kind=kind, code=code) if kind in PEER_KINDS else None
    if territory is None:
        raise Http404(_("Aucune commune ni intercommunalité ne porte ce code."))
    return territory


def _year(request) -> int:
    raw = (request.GET.get("annee") or request.POST.get("annee") or "").strip()
    years = label_years().years
    if raw.isdigit() and len(raw) <= 4 and int(raw) in years:
        return int(raw)
    return next_label_year(timezone.localdate())


def _commentaries_version() -> str:
    latest = Commentary.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    return latest.isoformat() if latest else "-"


@public_page(actions_version, editions_version, published_results_version, _commentaries_version, local_day)
def bilan_page(request, kind: str, code: str):
    territory = comparable_territory(kind, code)
    year = _year(request)
    try:
        document = build_bilan(territory=territory, year=year)
    except UnknownLabelYear:
        document = None
    return render(
        request,
        "bilan/detail.html",
        {"territory": territory, "year": year, "years": label_years().years, "document": document},
    )


@require_POST
def pdf_request(request, kind: str, code: str):
    territory = comparable_territory(kind, code)
    try:
        bilan_request = services.request_pdf(territory=territory, year=_year(request))
    except UnknownLabelYear:
        raise Http404(_("Aucune édition du référentiel n'est publiée pour ce label.")) from None
    return redirect("bilan:pdf_status", kind=kind, code=code, pk=bilan_request.pk)


def _request_of(kind: str, code: str, pk: int) -> BilanRequest:
    territory = comparable_territory(kind, code)
    return get_object_or_404(BilanRequest, pk=pk, territory=territory)


def pdf_status(request, kind: str, code: str, pk: int):
    bilan_request = _request_of(kind, code, pk)
    context = {"territory": bilan_request.territory, "bilan_request": bilan_request, "done": BilanStatus.DONE}
    if request.headers.get("HX-Request"):
        return render(request, "bilan/_status.html", context)
    return render(request, "bilan/status.html", context)


def pdf_download(request, kind: str, code: str, pk: int):
    bilan_request = _request_of(kind, code, pk)
    if bilan_request.status != BilanStatus.DONE or not bilan_request.pdf:
        raise Http404(_("Ce bilan n'est pas encore prêt."))
    filename = f"bilan-{bilan_request.territory.code}-{bilan_request.year}.pdf"
    return FileResponse(bilan_request.pdf.open("rb"), as_attachment=True, filename=filename)


@login_required
def commentaries(request, kind: str, code: str):
    territory = comparable_territory(kind, code)
    if not request.user.is_staff:
        raise PermissionDenied(_("Seule l'équipe de l'association rédige les commentaires du bilan."))
    existing = {commentary.section: commentary for commentary in Commentary.objects.filter(territory=territory)}
    status = 200
    posted = None
    if request.method == "POST":
        posted = CommentaryForm(request.POST, auto_id=f"id_{request.POST.get('section', '')[:12]}_%s")
        if posted.is_valid():
            try:
                services.save_commentary(
                    actor=request.user,
                    territory=territory,
                    section=posted.cleaned_data["section"],
                    text=posted.cleaned_data["text"],
                    published=posted.cleaned_data["is_published"],
                )
            except services.BilanError as error:
                posted.add_error("text", str(error))
            else:
                messages.success(request, _("Commentaire enregistré."))
                return redirect("bilan:commentaries", kind=kind, code=code)
        if "section" in posted.errors:
            messages.error(request, _("Section inconnue : rien n'a été enregistré."))
        status = 400
    forms = []
    for section, label in Section.choices:
        if posted is not None and posted.data.get("section") == section:
            form = posted
        else:
            commentary = existing.get(section)
            form = CommentaryForm(
                initial={
                    "section": section,
                    "text": commentary.text if commentary else "",
                    "is_published": commentary.is_published if commentary else False,
                },
                auto_id=f"id_{section}_%s",
            )
        forms.append((section, label, form))
    return render(request, "bilan/commentaries.html", {"territory": territory, "forms": forms}, status=status)
