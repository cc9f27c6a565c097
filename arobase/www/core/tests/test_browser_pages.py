import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/", "/mentions-legales/", "/accessibilite/", "/donnees-personnelles/"])
def test_static_pages_pass_axe(page, assert_accessible, path):
    page.goto(path)
    assert_accessible(page)


def test_skip_link_is_the_first_focusable_element_and_moves_focus_to_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
