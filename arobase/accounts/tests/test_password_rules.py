"""Guessable passwords refused: common words dressed up, one repeated word, the person's own names."""

import string

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st

from arobase.accounts.models import User
from arobase.accounts.password_rules import (
    built_from_personal_data,
    core_words,
    is_common,
    normalize,
    personal_tokens,
    repeats_one_word,
)
from arobase.accounts.password_validation import FRENCH_COMMON_PASSWORDS, GuessablePasswordValidator, common_words
from arobase.accounts.tests.factories import (
    AUDIT_PASSWORDS,
    COMMON_MESSAGE,
    DEFAULT_PASSWORD,
    PERSONAL_MESSAGE,
)

FRENCH_WORDS = sorted(
    line.strip() for line in FRENCH_COMMON_PASSWORDS.read_text().splitlines() if line.strip() and line[0] != "#"
)
AROUND = st.text(alphabet=string.digits + "!@#$%^&*()-_=+.?€ ", max_size=8)
LETTER = st.sampled_from(string.ascii_lowercase)
SEPARATOR = st.sampled_from([" ", "-", "_", ".", " - ", ", "])


def _messages(password: str, user=None) -> list[str]:
    try:
        GuessablePasswordValidator().validate(password, user=user)
    except ValidationError as error:
        return error.messages
    return []


# --- pure rules: examples -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalized"),
    [("Éléphant", "elephant"), ("CŒUR", "coeur"), ("Noël À Brest", "noel a brest"), ("déjà-vu", "deja-vu")],
)
def test_normalize_lowercases_and_removes_accents(text, normalized):
    assert normalize(text) == normalized


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Azerty123456!", {"azerty"}),
        ("!!Soleil2026", {"soleil"}),
        ("Mot-de-passe-2024!", {"mot-de-passe", "motdepasse"}),
        ("Mârseille13", {"marseille"}),
        ("123456", set()),
    ],
)
def test_core_words(password, expected):
    assert core_words(password) == expected


@pytest.mark.parametrize(
    "password",
    [
        "Password1234!",
        "Azerty123456!",
        "Motdepasse2026!",
        "Mot-de-passe-2024!",
        "MARSEILLE13013!!",
        "Bonjour.2026",
        "Soleil_1234567",
        "***Villes-Internet2026***",
        "Amiens8000000!",
        "Éléphant-2026",
    ],
)
def test_common_words_with_digits_and_symbols_around_are_common(password):
    assert is_common(password, common_words())


@pytest.mark.parametrize(
    "password",
    [DEFAULT_PASSWORD, "Mairie-de-Picardie-2026!", "le chat de la voisine dort au soleil", "Kx7#mQ2!vLp9"],
)
def test_unusual_passwords_are_not_common(password):
    assert not is_common(password, common_words())


@pytest.mark.parametrize(
    "password",
    ["aa aa aa aa aa aa aa", "mot mot mot mot mot mot mot", "Mot-MOT-mot-Môt", "azeazeazeaze", "Ab1!Ab1!Ab1!"],
)
def test_one_repeated_word_or_chunk(password):
    assert repeats_one_word(password)


@pytest.mark.parametrize("password", [DEFAULT_PASSWORD, "le chat de la voisine dort au soleil", "Kx7#mQ2!vLp9", "a"])
def test_different_words_are_not_a_repetition(password):
    assert not repeats_one_word(password)


def test_personal_tokens_come_from_the_names_and_the_local_part_of_the_email():
    tokens = personal_tokens(first_name="Anne-Sophie", last_name="Le Bihan", email="as.lebihan@mairie.example.org")
    assert {"anne", "sophie", "annesophie", "bihan", "lebihan", "aslebihan"} <= tokens
    assert "le" not in tokens and "as" not in tokens  # too short to forbid
    assert not any("mairie" in token for token in tokens)  # the domain is not personal


@pytest.mark.parametrize(
    "password",
    [
        "Camille.Martin2026!",
        "martin-camille-1990",
        "CMartin-2026!!",
        "Camille2026!!!!!",
        "c.martin 2026 !!",
        "Çamîlle-Märtin-1984",
    ],
)
def test_passwords_built_from_the_person_are_refused(password):
    tokens = personal_tokens(first_name="Camille", last_name="Martin", email="cmartin@amiens.example.org")
    assert built_from_personal_data(password, tokens)


@pytest.mark.parametrize(
    "password",
    ["Camille adore les randonnées en montagne", "Kx7#mQ2!vLp9", "Martinique-Guadeloupe-2026!"],
)
def test_a_password_that_merely_mentions_a_name_is_fine(password):
    tokens = personal_tokens(first_name="Camille", last_name="Martin", email="cmartin@amiens.example.org")
    assert not built_from_personal_data(password, tokens)


# --- pure rules: properties -----------------------------------------------------------------------------------


@given(st.sampled_from(FRENCH_WORDS), AROUND, AROUND, st.sampled_from([str.lower, str.upper, str.capitalize]))
def test_any_french_common_word_between_digits_and_symbols_is_common(word, before, after, casing):
    assert is_common(before + casing(word) + after, common_words())


@given(st.text(alphabet=LETTER, min_size=2, max_size=10), st.integers(min_value=2, max_value=12), SEPARATOR)
def test_any_word_repeated_is_a_repetition(word, times, separator):
    assert repeats_one_word(separator.join([word] * times))


@given(st.lists(st.text(alphabet=LETTER, min_size=3, max_size=9), min_size=7, max_size=10, unique=True), SEPARATOR)
def test_distinct_words_of_different_lengths_are_not_a_repetition(words, separator):
    assume(len({len(word) for word in words}) > 1)
    assert not repeats_one_word(separator.join(words))


@given(st.text(alphabet=LETTER, min_size=3, max_size=12), st.text(alphabet=LETTER, min_size=3, max_size=12), AROUND)
def test_names_with_only_digits_and_symbols_added_are_personal(first, last, around):
    tokens = personal_tokens(first_name=first, last_name=last, email=f"{first}.{last}@example.org")
    assert built_from_personal_data(first.capitalize() + around + last.upper() + around, tokens)


@given(st.text(min_size=0, max_size=30))
def test_the_rules_never_fail_on_any_text(password):
    core_words(password)
    is_common(password, frozenset({"azerty"}))
    repeats_one_word(password)
    built_from_personal_data(password, personal_tokens(first_name=password, last_name=password, email=password))


# --- the validator, through Django ----------------------------------------------------------------------------


@pytest.mark.parametrize("password", AUDIT_PASSWORDS)
@pytest.mark.django_db
def test_the_audit_passwords_are_refused_by_the_settings_validators(password):
    with pytest.raises(ValidationError):
        validate_password(password, user=User(email="x@example.org"))


def test_every_message_is_french():
    user = User(first_name="Camille", last_name="Martin", email="cmartin@example.org")
    assert _messages("Martin-Camille-2026", user) == [PERSONAL_MESSAGE]
    assert any(COMMON_MESSAGE in message for message in _messages("Azerty123456!"))
    assert "Évitez les mots de passe courants" in GuessablePasswordValidator().get_help_text()
