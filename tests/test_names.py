import pytest

from core.names import name_key


@pytest.mark.parametrize(
    "spelling",
    ["Kim Se Jeong", "kim sejeong", "Kim Se-jeong", "KIM  SEJEONG", "Kim Sejeong"],
)
def test_romanization_variants_share_one_key(spelling):
    assert name_key(spelling) == "kimsejeong"


def test_hangul_survives_folding():
    assert name_key("김세정") == "김세정"
    assert name_key(" 김 세정 ") == "김세정"


def test_diacritics_and_punctuation_fold_away():
    assert name_key("Beyoncé") == "beyonce"
    assert name_key("I.O.I") == "ioi"
    assert name_key("D.ONE") == "done"


def test_a_name_of_punctuation_alone_has_no_key():
    assert name_key(" -.- ") == ""
