"""French small words and dates, as pure functions (no database, no Django).

- `elide(word, following)`: "de" + "Amiens" → "d'Amiens"; le/la → l', que → qu', and the other one-syllable
  words ending in "e" (je, me, te, se, ne). A word is elided before a vowel or an "h" (place names starting with
  "H" take the elision: "d'Hazebrouck", "d'Hyères").
- `de(name)` and `a(name)`: the preposition joined to a place name, its leading article included: "de Paris",
  "d'Amiens", "du Havre" (Le Havre), "des Mureaux" (Les Mureaux), "de La Rochelle", "de L'Isle-Adam";
  "à Paris", "au Havre", "aux Mureaux", "à La Rochelle", "à L'Isle-Adam".
- `long_date(day)`: "1er décembre 2026", "2 janvier 2027" (the first day of a month is written "1er").
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
ELIDABLE = {
    "de": "d'",
    "le": "l'",
    "la": "l'",
    "que": "qu'",
    "je": "j'",
    "me": "m'",
    "te": "t'",
    "se": "s'",
    "ne": "n'",
    "lorsque": "lorsqu'",
    "puisque": "puisqu'",
    "jusque": "jusqu'",
}
_APOSTROPHES = ("'", "’")


def starts_with_vowel_sound(text: str) -> bool:
    """Whether a word starting `text` takes an elision: a vowel (accented or not), "y" or "h"."""
    stripped = text.lstrip()
    if not stripped:
        return False
    first = unicodedata.normalize("NFKD", stripped[0].lower())[0]
    return first in "aeiouyhæœ"


def elide(word: str, following: str) -> str:
    """`word` followed by `following`, elided when French requires it: elide("de", "Amiens") == "d'Amiens"."""
    following = following.strip()
    elided = ELIDABLE.get(word.lower())
    if elided is not None and starts_with_vowel_sound(following):
        if word[:1].isupper():
            elided = elided[0].upper() + elided[1:]
        return f"{elided}{following}"
    return f"{word} {following}".rstrip()


def _split_article(name: str) -> tuple[str, str]:
    """("le" | "la" | "les" | "l'" | "", rest) for a place name: "Le Havre" → ("le", "Havre")."""
    name = name.strip()
    lowered = name.lower()
    for article in ("les ", "le ", "la "):
        if lowered.startswith(article) and len(name) > len(article):
            return article.strip(), name[len(article) :].lstrip()
    for apostrophe in _APOSTROPHES:
        if lowered.startswith(f"l{apostrophe}") and len(name) > 2:
            return "l'", name[2:]
    return "", name


def de(name: str) -> str:
    """The place name after "de": "d'Hazebrouck", "du Havre", "des Mureaux", "de La Rochelle", "de Paris"."""
    article, rest = _split_article(name)
    if article == "le":
        return f"du {rest}"
    if article == "les":
        return f"des {rest}"
    if article:
        return f"de {name.strip()}"
    return elide("de", name)


def a(name: str) -> str:
    """The place name after "à": "au Havre", "aux Mureaux", "à La Rochelle", "à Paris"."""
    article, rest = _split_article(name)
    if article == "le":
        return f"au {rest}"
    if article == "les":
        return f"aux {rest}"
    return f"à {name.strip()}"


def day_of_month(day: int) -> str:
    """ "1er" for the first day of a month, the number otherwise."""
    return "1er" if day == 1 else str(day)


def long_date(value: date | datetime, *, with_time: bool = False) -> str:
    """ "1er décembre 2026"; with `with_time`, "1er décembre 2026 à 23 h 59" (the time of a datetime as given:
    convert it to local time first)."""
    text = f"{day_of_month(value.day)} {MONTHS[value.month - 1]} {value.year}"
    if with_time and isinstance(value, datetime):
        text += f" à {value.hour} h {value.minute:02d}"
    return text
