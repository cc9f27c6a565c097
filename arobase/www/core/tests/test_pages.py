import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["core:home", "core:legal", "core:accessibility", "core:privacy"])
def test_public_pages_render_in_french_with_skip_link_and_footer(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html and 'id="contenu"' in html
    assert reverse("core:accessibility") in html and reverse("core:legal") in html


def test_normalize_is_insensitive_to_case_accents_hyphens_and_apostrophes():
    from arobase.core.text import normalize

    assert normalize("Saint-Étienne") == normalize("saint etienne") == "saint etienne"
    assert normalize("Villeneuve-d'Ascq") == normalize("villeneuve d ascq")
    assert normalize("L’Haÿ-les-Roses") == "l hay les roses"
    assert normalize("Œuilly") == "oeuilly"
