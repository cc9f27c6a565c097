"""Road signs of the labelled collectivités: the sign files (SVG, PDF) of a published result, declarations of
signs put up, and their public gallery."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from arobase.accounts.permissions import is_staff
from arobase.label.errors import LabelError
from arobase.label.signs import rendering as sign_rendering
from arobase.label.signs import selectors as sign_selectors
from arobase.label.signs import services as sign_services
from arobase.www.label.signs.forms import SignDeclarationForm
from arobase.www.shortcuts import territory_or_404

# --- Road signs ------------------------------------------------------------------------------------------------


def _sign_result_or_404(kind: str, code: str, year: int):
    territory = territory_or_404(kind, code)
    result = sign_selectors.published_result(territory, year)
    if result is None:
        raise Http404
    return territory, result


@require_GET
def sign_svg(request, kind: str, code: str, year: int):
    _territory, result = _sign_result_or_404(kind, code, year)
    content = sign_rendering.content_for(result)
    response = HttpResponse(sign_rendering.render_svg(content), content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{content.filename}.svg"'
    return response


@require_GET
def sign_pdf(request, kind: str, code: str, year: int):
    _territory, result = _sign_result_or_404(kind, code, year)
    content = sign_rendering.content_for(result)
    response = HttpResponse(sign_rendering.render_pdf(content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{content.filename}.pdf"'
    return response


@login_required
def sign_page(request, kind: str, code: str):
    """The collectivité's sign: downloads and declarations of installed signs (its members and staff)."""
    territory = territory_or_404(kind, code)
    if not sign_selectors.can_declare(request.user, territory):
        raise PermissionDenied
    result = sign_selectors.sign_result(territory)
    if result is None:
        raise Http404
    form = SignDeclarationForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                sign_services.declare_sign(
                    actor=request.user,
                    territory=territory,
                    result=result,
                    address=data["address"],
                    installed_on=data["installed_on"],
                    maker=data["maker"],
                    photo=data["photo"],
                    photo_alt=data["photo_alt"],
                    photo_credit=data["photo_credit"],
                    free_use_confirmed=data["free_use_confirmed"],
                )
                messages.success(request, _("Panneau déclaré. Merci !"))
                return redirect("label:sign_page", kind=kind, code=code)
            except LabelError as error:
                form.add_error(None, error.message)
        status = 400
    return render(
        request,
        "label/signs/page.html",
        {
            "territory": territory,
            "result": result,
            "sign": sign_rendering.content_for(result),
            "form": form,
            "declarations": sign_selectors.declarations_of(territory),
        },
        status=status,
    )


@login_required
@require_GET
def sign_declarations(request):
    if not is_staff(request.user):
        raise PermissionDenied
    return render(request, "label/signs/declarations.html", {"declarations": sign_selectors.all_declarations()})


@require_GET
def sign_gallery(request):
    return render(request, "label/signs/gallery.html", {"declarations": sign_selectors.gallery()})
