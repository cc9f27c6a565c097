"""Pure checks of guessable passwords (no database, no Django): common words dressed up with digits and symbols,
passphrases repeating one word, passwords built from the person's name or email address.

Every comparison is made on a normalised form: lowercase, without accents.
"""

import re
import unicodedata
from collections.abc import Iterable

_WORD_SEPARATORS = re.compile(r"[\W_]+")
_NOT_LETTER = re.compile(r"[^a-z]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# A personal word shorter than this (initials, "Li") would forbid too much.
MIN_PERSONAL_TOKEN = 3
# What must remain, in letters, once the personal words are taken out of the password.
MIN_OWN_LETTERS = 4


def normalize(text: str) -> str:
    """Lowercase, accents removed ("Éléphant" -> "elephant"), ligatures spelled out ("œ" -> "oe")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def core_words(password: str) -> set[str]:
    """The forms compared with the lists: the password without the digits and symbols around it
    ("Azerty123456!" -> "azerty"), and its letters alone ("Mot-de-passe-2024" -> "motdepasse")."""
    normalized = normalize(password)
    forms = {re.sub(r"^[^a-z]+|[^a-z]+$", "", normalized), _NOT_LETTER.sub("", normalized)}
    forms.discard("")
    return forms


def is_common(password: str, common_words: frozenset[str]) -> bool:
    return normalize(password) in common_words or not core_words(password).isdisjoint(common_words)


def words_of(password: str) -> list[str]:
    return [word for word in _WORD_SEPARATORS.split(normalize(password)) if word]


def repeats_one_word(password: str) -> bool:
    """A passphrase of one word repeated ("mot mot mot mot mot mot mot"), or one chunk repeated ("azeazeaze")."""
    words = words_of(password)
    if len(words) >= 2 and len(set(words)) == 1:
        return True
    compact = "".join(words)
    return len(compact) >= 2 and re.fullmatch(r"(.+?)\1+", compact) is not None


def personal_tokens(*, first_name: str = "", last_name: str = "", email: str = "") -> set[str]:
    """The words of the person's names and of the local part of their email address (3 letters or more)."""
    local_part = email.rpartition("@")[0] if "@" in email else email
    tokens = set()
    for text in (first_name, last_name, local_part):
        normalized = normalize(text or "")
        tokens.update(word for word in _NOT_ALNUM.split(normalized) if word)
        tokens.add(_NOT_ALNUM.sub("", normalized))
    return {token for token in tokens if sum(char.isalpha() for char in token) >= MIN_PERSONAL_TOKEN}


def built_from_personal_data(password: str, tokens: Iterable[str]) -> bool:
    """True when, once the person's own words are taken out, fewer than `MIN_OWN_LETTERS` letters remain
    ("Camille.Martin2026!" for Camille Martin); a long passphrase that merely mentions a name is fine."""
    remaining = _NOT_ALNUM.sub("", normalize(password))
    found = False
    for token in sorted(set(tokens), key=len, reverse=True):
        if token and token in remaining:
            found = True
            remaining = remaining.replace(token, "")
    return found and len(_NOT_LETTER.sub("", remaining)) < MIN_OWN_LETTERS
