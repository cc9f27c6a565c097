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
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from arobase.label.models import Result
from arobase.territories.models import LabelCategory

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
