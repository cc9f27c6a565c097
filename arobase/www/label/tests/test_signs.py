"""Road signs: SVG and PDF after publication only, declarations by members, gallery, image checks."""

import io
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from arobase.label.errors import LabelError, LabelNotAllowed
from arobase.label.models import SignDeclaration
from arobase.label.signs import rendering as sign_rendering
from arobase.label.signs import services as sign_services
from arobase.label.tests.factories import YEAR, add_result, make_campaign

pytestmark = pytest.mark.django_db

SVG = "/label/panneau/commune/80021/{year}.svg"
PDF = "/label/panneau/commune/80021/{year}.pdf"
PAGE = "/label/panneau/commune/80021/"
MM_TO_PT = 72 / 25.4


def _jpeg(name="photo.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def labelled(label_commune_a):
    return add_result(label_commune_a, YEAR - 1, 3, category="ville")


# --- Pure content ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "word"), [("ville", "VILLE"), ("village", "VILLAGE"), ("territoire", "TERRITOIRE")]
)
def test_svg_is_valid_xml_with_the_right_text(category, word):
    content = sign_rendering.SignContent(category=category, arobases=4, year=2019)
    root = ET.fromstring(sign_rendering.render_svg(content).encode())  # noqa: S314 (our own output)
    texts = [element.text for element in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == [word, "INTERNET", "@@@@", "2019"]
    assert root.get("width") == "420mm" and root.get("height") == "297mm"
    # Numbers are never localised ("210,0" would be read as two coordinates).
    assert {element.get("x") for element in root.iter("{http://www.w3.org/2000/svg}text")} == {"210.0"}
    assert content.text == f"{word.capitalize()} Internet @@@@ 2019"


def test_sign_content_refuses_zero_arobases():
    with pytest.raises(ValueError):
        sign_rendering.SignContent(category="ville", arobases=0, year=2005)


def test_pdf_is_a_large_vector_page():
    data = sign_rendering.render_pdf(sign_rendering.SignContent(category="village", arobases=5, year=2026))
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[\s*([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes
    x0, y0, x1, y1 = (float(v) for v in boxes[0])
    assert x1 - x0 >= 350 * MM_TO_PT and y1 - y0 >= 250 * MM_TO_PT
    assert x1 - x0 >= 992 and y1 - y0 >= 709
    assert b"/Subtype /Image" not in data  # drawn, not a bitmap
    if sign_rendering._font_name() != "Helvetica-Bold":
        assert b"/FontFile2" in data  # the TrueType font is embedded


# --- Downloads and secrecy -------------------------------------------------------------------------------------


def test_downloads_after_publication(client, labelled):
    response = client.get(SVG.format(year=YEAR - 1))
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    assert "VILLE" in response.content.decode() and "@@@" in response.content.decode()
    response = client.get(PDF.format(year=YEAR - 1))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_404_before_the_ceremony(client, edition_2019, label_commune_a, label_referent_a):
    label_campaign = make_campaign(edition_2019, state="closed", published="future")
    add_result(label_commune_a, YEAR, 4, campaign=label_campaign)
    assert client.get(SVG.format(year=YEAR)).status_code == 404
    assert client.get(PDF.format(year=YEAR)).status_code == 404
    client.force_login(label_referent_a)
    assert client.get(PAGE).status_code == 404
    assert client.get(SVG.format(year=YEAR)).status_code == 404


def test_404_for_unpublished_or_mention_only_results(client, label_commune_a):
    add_result(label_commune_a, YEAR - 3, 2, published=False)
    add_result(label_commune_a, YEAR - 20, 0)
    assert client.get(SVG.format(year=YEAR - 3)).status_code == 404
    assert client.get(SVG.format(year=YEAR - 20)).status_code == 404


# --- Declarations ----------------------------------------------------------------------------------------------


def test_member_declares_a_sign_with_photo_and_gallery_shows_it(client, labelled, label_contributor_a):
    client.force_login(label_contributor_a)
    page = client.get(PAGE)
    assert page.status_code == 200 and "Ville Internet @@@" in page.content.decode()
    response = client.post(
        PAGE,
        {
            "address": "Entrée nord, route d'Abbeville",
            "installed_on": "2026-03-01",
            "maker": "Signaux Picards",
            "photo": _jpeg(),
            "photo_alt": "Le panneau à l'entrée nord",
            "photo_credit": "Mairie d'Amiens",
            "free_use_confirmed": "on",
        },
    )
    assert response.status_code == 302
    declaration = SignDeclaration.objects.get()
    assert declaration.photo and declaration.photo.name.endswith(".jpg")
    assert declaration.declared_by == label_contributor_a and declaration.result == labelled
    client.logout()
    gallery = client.get("/label/panneaux/").content.decode()
    assert "Le panneau à l&#x27;entrée nord" in gallery and "Photo : Mairie d&#x27;Amiens" in gallery


def test_non_member_cannot_declare(client, labelled, label_referent_b, plain_user):
    for user in (label_referent_b, plain_user):
        client.force_login(user)
        assert client.get(PAGE).status_code == 403
        response = client.post(PAGE, {"address": "Ici", "installed_on": "2026-03-01"})
        assert response.status_code == 403
        with pytest.raises(LabelNotAllowed):
            sign_services.declare_sign(
                actor=user, territory=labelled.territory, result=labelled, address="Ici", installed_on=date(2026, 3, 1)
            )
    assert not SignDeclaration.objects.exists()


def test_anonymous_cannot_declare(client, labelled):
    assert client.post(PAGE, {"address": "Ici", "installed_on": "2026-03-01"}).status_code == 302
    assert not SignDeclaration.objects.exists()


def test_php_renamed_jpg_is_refused(client, labelled, label_referent_a):
    client.force_login(label_referent_a)
    fake = SimpleUploadedFile("photo.jpg", b"<?php system($_GET['c']); ?>", content_type="image/jpeg")
    response = client.post(
        PAGE,
        {
            "address": "Ici",
            "installed_on": "2026-03-01",
            "photo": fake,
            "photo_credit": "Moi",
            "free_use_confirmed": "on",
        },
    )
    assert response.status_code == 400
    assert "n&#x27;est pas une image valide" in response.content.decode()
    assert not SignDeclaration.objects.exists()


def test_photo_needs_credit_and_free_use(labelled, label_referent_a):
    with pytest.raises(LabelError):
        sign_services.declare_sign(
            actor=label_referent_a,
            territory=labelled.territory,
            result=labelled,
            address="Ici",
            installed_on=date(2026, 3, 1),
            photo=_jpeg(),
            photo_credit="Moi",
        )
    with pytest.raises(LabelError):
        sign_services.declare_sign(
            actor=label_referent_a,
            territory=labelled.territory,
            result=labelled,
            address="Ici",
            installed_on=date(2026, 3, 1),
            photo=_jpeg(),
            free_use_confirmed=True,
        )
    assert not SignDeclaration.objects.exists()


def test_staff_see_every_declaration(client, labelled, label_referent_a, staff, label_contributor_a):
    sign_services.declare_sign(
        actor=label_referent_a,
        territory=labelled.territory,
        result=labelled,
        address="Place de la gare",
        installed_on=date(2026, 3, 1),
    )
    client.force_login(label_contributor_a)
    assert client.get("/label/panneaux/declarations/").status_code == 403
    client.force_login(staff)
    response = client.get("/label/panneaux/declarations/")
    assert response.status_code == 200 and "Place de la gare" in response.content.decode()
