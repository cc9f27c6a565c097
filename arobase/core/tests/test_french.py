"""French elisions and dates (pure helper) and their template filters."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from arobase.core import french


@pytest.mark.parametrize(
    ("name", "after_de", "after_a"),
    [
        ("Hazebrouck", "d'Hazebrouck", "à Hazebrouck"),
        ("Amiens", "d'Amiens", "à Amiens"),
        ("Évry-Courcouronnes", "d'Évry-Courcouronnes", "à Évry-Courcouronnes"),
        ("Yerres", "d'Yerres", "à Yerres"),
        ("Paris", "de Paris", "à Paris"),
        ("Le Havre", "du Havre", "au Havre"),
        ("Les Mureaux", "des Mureaux", "aux Mureaux"),
        ("La Rochelle", "de La Rochelle", "à La Rochelle"),
        ("L'Isle-Adam", "de L'Isle-Adam", "à L'Isle-Adam"),
        ("L’Haÿ-les-Roses", "de L’Haÿ-les-Roses", "à L’Haÿ-les-Roses"),
        ("Lens", "de Lens", "à Lens"),
        ("Lesparre-Médoc", "de Lesparre-Médoc", "à Lesparre-Médoc"),
        ("Œting", "d'Œting", "à Œting"),
        ("  Orléans ", "d'Orléans", "à Orléans"),
    ],
)
def test_prepositions_before_place_names(name, after_de, after_a):
    assert french.de(name) == after_de
    assert french.a(name) == after_a


@pytest.mark.parametrize(
    ("word", "following", "expected"),
    [
        ("que", "elle", "qu'elle"),
        ("le", "avis", "l'avis"),
        ("la", "équipe", "l'équipe"),
        ("Le", "hôtel", "L'hôtel"),
        ("de", "Brest", "de Brest"),
        ("le", "jury", "le jury"),
        ("pour", "elle", "pour elle"),
    ],
)
def test_elide(word, following, expected):
    assert french.elide(word, following) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 12, 1), "1er décembre 2026"),
        (date(2027, 1, 2), "2 janvier 2027"),
        (date(2026, 8, 31), "31 août 2026"),
        (datetime(2026, 2, 1, 9, 5), "1er février 2026"),
    ],
)
def test_long_date(value, expected):
    assert french.long_date(value) == expected


def test_long_date_with_time():
    assert french.long_date(datetime(2026, 12, 1, 23, 59), with_time=True) == "1er décembre 2026 à 23 h 59"
    assert french.long_date(date(2026, 12, 1), with_time=True) == "1er décembre 2026"


names = st.text(alphabet=st.characters(categories=("L",)), min_size=1, max_size=12).filter(lambda s: s.strip())


@given(st.sampled_from(["", "Le ", "La ", "Les ", "L'"]), names)
def test_de_keeps_the_name_and_elides_only_before_a_vowel_sound(article, body):
    name = f"{article}{body}"
    phrase = french.de(name)
    if article == "Le ":
        assert phrase == f"du {body}"
    elif article == "Les ":
        assert phrase == f"des {body}"
    elif article:
        assert phrase == f"de {name}"
    elif french.starts_with_vowel_sound(name) and french._split_article(name)[0] == "":
        assert phrase == f"d'{name}"
    else:
        assert phrase.endswith(name) and phrase.split(" ", 1)[0] in {"de", "du", "des"}
    assert "  " not in phrase


@given(st.dates())
def test_long_date_writes_1er_only_on_the_first(day):
    text = french.long_date(day)
    assert text.startswith("1er " if day.day == 1 else f"{day.day} ")
    assert text.split(" ")[1] == french.MONTHS[day.month - 1] and text.endswith(str(day.year))


def test_template_filters_in_local_time(settings):
    settings.TIME_ZONE = "Europe/Paris"
    moment = datetime(2026, 11, 30, 23, 30, tzinfo=ZoneInfo("UTC"))  # 1 December, 00:30 in Paris
    html = Template(
        '{% load french %}{{ town|de }} · {{ other|a }} · {{ moment|long_date }} · {{ moment|long_date:"heure" }}'
        " · {{ 'que'|elide:'il' }} · {{ missing|long_date }} · {{ '2026-05-01'|long_date }} · {{ 'n/a'|long_date }}"
    ).render(Context({"town": "Hazebrouck", "other": "Le Havre", "moment": moment}))
    assert html == (
        "d&#x27;Hazebrouck · au Havre · 1er décembre 2026 · 1er décembre 2026 à 0 h 30 · qu&#x27;il ·  · "
        "1er mai 2026 · "
    )
