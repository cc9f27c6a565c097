"""Markdown rendering, the editable help and rules pages, contact, the accessibility statement and the API guide."""

import pytest
from django.core import mail
from django.urls import reverse

from arobase.accounts.tests.factories import StaffFactory, UserFactory
from arobase.core.markdown import render_markdown
from arobase.core.models import Page, PageKey

ATTACKS = (
    "Texte **normal**.\n\n"
    "<script>alert('volé')</script>\n\n"
    "[cliquez ici](javascript:alert(1))\n\n"
    '<img src="x" onerror="alert(2)">\n\n'
    '<a href="https://www.villes-internet.net" onclick="alert(3)">site</a>'
)


def test_markdown_renders_headings_lists_and_emphasis():
    html = render_markdown("## Intertitre\n\n- un\n- deux\n\n**gras** et *italique*")
    assert "<h2>Intertitre</h2>" in html
    assert "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>" in html
    assert "<strong>gras</strong>" in html and "<em>italique</em>" in html


def test_markdown_removes_scripts_javascript_links_and_event_attributes():
    html = render_markdown(ATTACKS)
    assert "<strong>normal</strong>" in html
    lowered = html.lower()
    assert "<script" not in lowered and "alert('volé')" not in html
    assert "javascript:" not in lowered
    assert "onerror" not in lowered and "onclick" not in lowered and "<img" not in lowered
    assert '<a href="https://www.villes-internet.net" rel="noopener noreferrer">site</a>' in html


def test_markdown_tables_scroll_in_a_labelled_focusable_region():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    assert '<div class="table-scroll" role="region" tabindex="0" aria-label="Tableau (défilable)"><table>' in html
    assert html.rstrip().endswith("</table></div>")


@pytest.mark.django_db
def test_methodology_page_shows_headings_and_lists_not_raw_markdown(client):
    html = client.get("/label/methode/").content.decode()
    assert "<h1>Le score proposé : méthode</h1>" in html
    assert "<h2>Les critères (sur 100 points)</h2>" in html
    assert "<strong>score proposé</strong>" in html
    assert "# Le score" not in html and "**" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "title", "excerpt"),
    [
        ("/aide/", "Participer au label : le guide", "Scénario de participation"),
        ("/faq/", "Foire aux questions", "Peut-on perdre ses @ ?"),
        ("/reglement/", "Règlement du label", "Article 10 : Baisse de niveau et alerte"),
        ("/contact/", "Contacter l'association", "9 rue Soyer"),
    ],
)
def test_help_and_rules_pages_are_seeded_and_rendered(client, url, title, excerpt):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>".replace("'", "&#x27;") in html
    assert excerpt.replace("'", "&#x27;") in html
    assert "## " not in html


@pytest.mark.django_db
def test_regulation_keeps_the_articles_of_the_source_and_invents_none(client):
    html = client.get(reverse("core:regulation")).content.decode()
    for number in ("1er", "2", "3", "4", "7", "8", "9", "10", "11", "12"):
        assert f"<h2>Article {number} :" in html
    assert "<h2>Article 5" not in html and "<h2>Article 6" not in html


@pytest.mark.django_db
def test_staff_edit_of_a_page_is_shown_sanitised(client):
    Page.objects.filter(key=PageKey.FAQ).update(body=ATTACKS)
    html = client.get(reverse("core:faq")).content.decode()
    assert "<strong>normal</strong>" in html
    main = html.split('id="contenu"')[1].split("</main>")[0]
    assert "<script" not in main and "javascript:" not in main and "onerror" not in main and "onclick" not in main


@pytest.mark.django_db
def test_staff_can_correct_a_page_in_the_admin_but_neither_add_nor_delete(client):
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    staff = StaffFactory(is_superuser=True)
    request = RequestFactory().get("/")
    request.user = staff
    model_admin = site._registry[Page]
    assert model_admin.has_change_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request, Page.objects.get(key=PageKey.FAQ))


@pytest.mark.django_db
def test_footer_links_every_help_page_the_api_guide_and_says_non_conforme(client):
    html = client.get("/").content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    for name in ("core:help", "core:regulation", "core:faq", "core:contact", "core:api"):
        assert f'href="{reverse(name)}"' in footer
    assert "Accessibilité : non conforme" in footer
    assert "partiellement" not in html
    assert "/api/v1/docs" not in footer


@pytest.mark.django_db
def test_accessibility_statement_follows_the_rgaa_model(client):
    html = client.get(reverse("core:accessibility")).content.decode()
    assert "est non conforme avec le référentiel général d'amélioration de l'accessibilité" in html
    assert "partiellement conforme" not in html
    for heading in (
        "État de conformité",
        "Résultats des tests",
        "Contenus non accessibles",
        "Dérogations pour charge disproportionnée",
        "Environnement de test",
        "Technologies utilisées pour la réalisation du site",
        "Voies de recours",
    ):
        assert heading in html
    assert "Cette déclaration a été établie le" in html
    assert 'href="mailto:coordination@villes-internet.net"' in html
    assert 'href="https://formulaire.defenseurdesdroits.fr/"' in html
    assert "Libre réponse 71120, 75342 Paris CEDEX 07" in html


@pytest.mark.django_db
def test_api_guide_lists_every_endpoint_pagination_licence_and_links(client):
    from arobase.www.api import api

    html = client.get(reverse("core:api")).content.decode()
    for path in api.get_openapi_schema(path_prefix="/api/v1")["paths"]:
        assert f"GET {path}</code>" in html
    assert '<code>{"count": …, "next": …, "results": […]}</code>' in html
    assert "Licence Ouverte 2.0" in html
    assert 'href="/api/v1/openapi.json"' in html and 'href="/api/v1/docs"' in html
    assert "<code>bbox</code>" in html


# --- Contact -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_contact_page_for_an_anonymous_visitor_gives_the_details_and_sends_nothing(client):
    response = client.get(reverse("core:contact"))
    html = response.content.decode()
    assert "coordination@villes-internet.net" in html and "01 47 68 53 76" in html
    assert "Connectez-vous" in html and 'name="message"' not in html
    client.post(reverse("core:contact"), {"subject": "Bonjour", "message": "Spam"})
    assert mail.outbox == []


@pytest.mark.django_db
def test_signed_in_person_writes_to_staff_who_can_answer(client):
    staff = StaffFactory(email="equipe@villes-internet.net")
    StaffFactory(email="ancien@villes-internet.net", is_active=False)
    person = UserFactory(email="maire@exemple.fr")
    client.force_login(person)
    response = client.post(
        reverse("core:contact"), {"subject": "Panneaux", "message": "Où commander les panneaux ?"}, follow=True
    )
    assert "Votre message a été envoyé" in response.content.decode()
    [sent] = mail.outbox
    assert sent.to == [staff.email]
    assert sent.reply_to == ["maire@exemple.fr"]
    assert sent.subject.endswith("Panneaux")
    assert "Où commander les panneaux ?" in sent.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"subject": "", "message": ""}, "Ce champ est obligatoire."),
        ({"subject": "Objet\nBcc: victime@exemple.fr", "message": "Bonjour"}, "L&#x27;objet doit tenir sur une seule"),
        ({"subject": "Long", "message": "x" * 5001}, "5000 caractères"),
    ],
)
def test_contact_with_bad_input_gets_a_french_message_and_sends_nothing(client, data, error):
    client.force_login(UserFactory())
    response = client.post(reverse("core:contact"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Votre message n'a pas été envoyé." in html and error in html
    assert mail.outbox == []


@pytest.mark.django_db
def test_contact_is_throttled_per_person(client):
    StaffFactory()
    client.force_login(UserFactory())
    for number in range(3):
        assert client.post(reverse("core:contact"), {"subject": f"n°{number}", "message": "Bonjour"}).status_code == 302
    response = client.post(reverse("core:contact"), {"subject": "Encore", "message": "Bonjour"})
    assert response.status_code == 400
    assert "réessayez plus tard" in response.content.decode()
    assert len(mail.outbox) == 3
    client.force_login(UserFactory())
    assert client.post(reverse("core:contact"), {"subject": "Autre", "message": "Bonjour"}).status_code == 302
    assert len(mail.outbox) == 4
