"""Text normalisation shared by every search over names."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae", "ß": "ss"})


def normalize(text: str) -> str:
    """Lower-case, strip accents, turn hyphens, apostrophes and punctuation into single spaces.

    >>> normalize("Villeneuve-d'Ascq")
    'villeneuve d ascq'
    >>> normalize("  SAINT-ÉTIENNE ")
    'saint etienne'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES).lower())
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_ALNUM.sub(" ", ascii_only).strip()
