"""Road signs of labelled collectivités: what they say, their SVG and print-ready PDF, and their declarations.

A sign exists only for a **published** result (``selectors.published_results``, secrecy until the ceremony) with
at least 1 @; the collectivité's last such result is the one it displays. It reads "Ville Internet", "Village
Internet" or "Territoire Internet" (from the result's category), the arobases as "@" symbols and the label year.

Layout, like a French town entry panel (EB10): white background, red border, black capitals, sober and high
contrast. The sheet is A3 landscape (420 × 297 mm, larger than the 350 × 250 mm required); the PDF is vector
drawing, with an embedded TrueType font (DejaVu Sans Bold) when the system has it, else reportlab's Helvetica.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from arobase.accounts.permissions import is_member_of, is_staff
from arobase.actions.images import ImageRejected, reencode
from arobase.label import selectors
from arobase.label.errors import LabelError, LabelNotAllowed
from arobase.label.models import Result, SignDeclaration
from arobase.territories.models import LabelCategory, Territory

WIDTH_MM = 420
HEIGHT_MM = 297
BORDER_MM = 14
INNER_MARGIN_MM = 10
RED = "#C8102E"
BLACK = "#000000"
WHITE = "#FFFFFF"

CATEGORY_WORDS = {
    LabelCategory.VILLE: "VILLE",
    LabelCategory.VILLAGE: "VILLAGE",
    LabelCategory.TERRITOIRE: "TERRITOIRE",
}

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


# --- What the sign says (pure) ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignContent:
    category: str
    arobases: int
    year: int

    def __post_init__(self) -> None:
        if self.category not in CATEGORY_WORDS:
            raise ValueError(f"unknown category {self.category!r}")
        if not 1 <= self.arobases <= 5:
            raise ValueError("a sign shows 1 to 5 @")

    @property
    def kind_word(self) -> str:
        return CATEGORY_WORDS[self.category]

    @property
    def title(self) -> str:
        """« Ville Internet »."""
        return f"{self.kind_word.capitalize()} Internet"

    @property
    def at_signs(self) -> str:
        return "@" * self.arobases

    @property
    def text(self) -> str:
        """« Ville Internet @@@ 2019 » (the alternative text of the sign)."""
        return f"{self.title} {self.at_signs} {self.year}"

    @property
    def filename(self) -> str:
        return f"panneau-{self.kind_word.lower()}-internet-{self.year}"


def content_for(result: Result) -> SignContent:
    return SignContent(category=result.category, arobases=result.arobases, year=result.year)


# --- SVG -------------------------------------------------------------------------------------------------------


def render_svg(content: SignContent) -> str:
    return render_to_string(
        "label/signs/sign.svg",
        {
            "sign": content,
            "width": WIDTH_MM,
            "height": HEIGHT_MM,
            "border": BORDER_MM,
            "half_border": BORDER_MM / 2,
            "inner_width": WIDTH_MM - BORDER_MM,
            "inner_height": HEIGHT_MM - BORDER_MM,
            "centre": WIDTH_MM / 2,
            "red": RED,
            "black": BLACK,
            "white": WHITE,
            "at_size": _at_size(content.arobases),
            "kind_y": KIND_Y,
            "kind_size": KIND_SIZE,
            "kind_size_long": KIND_SIZE_LONG,
            "internet_y": INTERNET_Y,
            "internet_size": INTERNET_SIZE,
            "at_y": AT_Y,
            "year_y": YEAR_Y,
            "year_size": YEAR_SIZE,
        },
    )


def _at_size(arobases: int) -> int:
    """Font size (mm) of the @ line, so that five @ still fit the width."""
    return 78 if arobases <= 3 else 62


# Baselines (mm from the top of the sign) and font sizes (mm) of the four lines, shared by the SVG and the PDF.
KIND_Y, KIND_SIZE, KIND_SIZE_LONG = 95, 72, 60
INTERNET_Y, INTERNET_SIZE = 148, 44
AT_Y = 220
YEAR_Y, YEAR_SIZE = 272, 32


# --- PDF -------------------------------------------------------------------------------------------------------


def _font_name() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in FONT_CANDIDATES:
        if Path(path).exists():
            name = "SignBold"
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, path))
            return name
    return "Helvetica-Bold"


def render_pdf(content: SignContent) -> bytes:
    """A one-page vector PDF, A3 landscape, with crop marks outside the 420 × 297 mm trim box."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    bleed = 10 * mm
    width, height = WIDTH_MM * mm, HEIGHT_MM * mm
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width + 2 * bleed, height + 2 * bleed), pageCompression=1)
    pdf.setTitle(content.text)
    pdf.setAuthor("Villes Internet")
    pdf.setSubject(_("Panneau du label Territoires, Villes et Villages Internet"))
    if hasattr(pdf, "setTrimBox"):
        pdf.setTrimBox((bleed, bleed, bleed + width, bleed + height))

    # Crop marks at the four corners (outside the sign).
    pdf.setStrokeColor(HexColor(BLACK))
    pdf.setLineWidth(0.25)
    for x in (bleed, bleed + width):
        for y in (bleed, bleed + height):
            dx = -1 if x == bleed else 1
            dy = -1 if y == bleed else 1
            pdf.line(x + dx * 2 * mm, y, x + dx * 8 * mm, y)
            pdf.line(x, y + dy * 2 * mm, x, y + dy * 8 * mm)

    pdf.translate(bleed, bleed)
    border = BORDER_MM * mm
    pdf.setFillColor(HexColor(WHITE))
    pdf.setStrokeColor(HexColor(RED))
    pdf.setLineWidth(border)
    pdf.roundRect(border / 2, border / 2, width - border, height - border, 12 * mm, stroke=1, fill=1)

    font = _font_name()
    pdf.setFillColor(HexColor(BLACK))
    centre = width / 2
    usable = width - 2 * (border + INNER_MARGIN_MM * mm)

    def line(text: str, y_from_top: float, size: float) -> None:
        pdf.setFont(font, _fit(pdf, font, text, size * mm, usable))
        pdf.drawCentredString(centre, height - y_from_top * mm, text)

    line(content.kind_word, KIND_Y, KIND_SIZE)
    line("INTERNET", INTERNET_Y, INTERNET_SIZE)
    pdf.setFillColor(HexColor(RED))
    line(content.at_signs, AT_Y, _at_size(content.arobases))
    pdf.setFillColor(HexColor(BLACK))
    line(str(content.year), YEAR_Y, YEAR_SIZE)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _fit(pdf, font: str, text: str, size: float, max_width: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text_width = stringWidth(text, font, size)
    return size if text_width <= max_width else size * max_width / text_width


# --- Reads -----------------------------------------------------------------------------------------------------


def sign_result(territory: Territory) -> Result | None:
    """The last published result of the collectivité with at least 1 @ (None: no sign to display)."""
    return selectors.published_results().filter(territory=territory, arobases__gte=1).order_by("-year").first()


def published_result(territory: Territory, year: int) -> Result | None:
    return selectors.published_results().filter(territory=territory, year=year, arobases__gte=1).first()


def can_declare(user, territory: Territory) -> bool:
    """The approved members of the collectivité (référent or contributors), or staff."""
    return is_staff(user) or is_member_of(user, territory)


def declarations_of(territory: Territory):
    return SignDeclaration.objects.filter(territory=territory).select_related("result")


def all_declarations():
    return SignDeclaration.objects.select_related("territory", "result", "declared_by").order_by("-declared_at")


def gallery():
    """Declared signs with a photo whose free use was confirmed, of published results only."""
    visible = selectors.published_results().values("pk")
    return (
        SignDeclaration.objects.filter(free_use_confirmed=True, result_id__in=visible)
        .exclude(photo="")
        .select_related("territory", "result")
        .order_by("-installed_on", "-pk")
    )


# --- Writes ----------------------------------------------------------------------------------------------------


@transaction.atomic
def declare_sign(
    *,
    actor,
    territory: Territory,
    result: Result,
    address: str,
    installed_on: date,
    maker: str = "",
    photo=None,
    photo_alt: str = "",
    photo_credit: str = "",
    free_use_confirmed: bool = False,
) -> SignDeclaration:
    if not can_declare(actor, territory):
        raise LabelNotAllowed(_("Seuls les membres de la collectivité déclarent ses panneaux."))
    if (
        result.territory_id != territory.pk
        or not selectors.published_results().filter(pk=result.pk, arobases__gte=1).exists()
    ):
        raise LabelError(_("Ce panneau ne correspond à aucun label publié de la collectivité."))
    address = (address or "").strip()
    if not address:
        raise LabelError(_("Indiquez l'adresse ou l'emplacement du panneau."))
    content = None
    if photo:
        if not free_use_confirmed:
            raise LabelError(_("Confirmez que la photo peut être utilisée librement, ou n'envoyez pas de photo."))
        if not (photo_credit or "").strip():
            raise LabelError(_("Indiquez le crédit de la photo (son auteur)."))
        try:
            content = reencode(photo)
        except ImageRejected as error:
            raise LabelError(str(error)) from None
    declaration = SignDeclaration(
        territory=territory,
        result=result,
        address=address[:300],
        installed_on=installed_on,
        maker=(maker or "").strip()[:200],
        photo_alt=(photo_alt or "").strip()[:300]
        or _("Panneau %(text)s installé à %(place)s") % {"text": content_for(result).text, "place": territory.name},
        photo_credit=(photo_credit or "").strip()[:200],
        free_use_confirmed=bool(free_use_confirmed and photo),
        declared_by=actor,
    )
    if content is not None:
        declaration.photo.save(content.name, content, save=False)
    declaration.save()
    return declaration
