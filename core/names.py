"""The normalized match key behind every artist name.

"Kim Se Jeong", "kim sejeong", "Kim Se-jeong" and "KIM SEJEONG" share one key,
so that each spelling finds the same artist and no two artists can claim it.
"""

import unicodedata


def name_key(name: str) -> str:
    """Fold case, spaces, hyphens, punctuation and diacritics out of a name.

    Decomposing (NFKD) splits letters from their accents so the accents can be
    dropped; recomposing (NFC) afterwards puts Hangul syllables, which NFKD
    splits into jamo, back together so that 김세정 stays 김세정.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    without_marks = "".join(
        char for char in decomposed if not unicodedata.combining(char)
    )
    recomposed = unicodedata.normalize("NFC", without_marks).casefold()
    return "".join(char for char in recomposed if char.isalnum())
