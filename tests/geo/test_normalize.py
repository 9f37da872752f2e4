"""Transliteration variants must meet on one key; unrelated names must not."""

import pytest

from eventatlas.geo.normalize import fold, fuzzy_key, norm_key


@pytest.mark.parametrize("variant", ["Deir el-Zour", "Dayr az Zawr", "Deir Ezzor", "Deir al-Zor", "DEIR EZ-ZOR"])
def test_deir_ez_zor_spellings_share_the_fuzzy_key(variant):
    assert fuzzy_key(variant) == fuzzy_key("Deir ez-Zor")


@pytest.mark.parametrize("a,b", [("Khan Younis", "Khan Yunis"), ("Ménaka", "Menaka"), ("Ar-Raqqah", "Raqqa"),
                                 ("North Darfur", "Northern Darfur")])
def test_spelling_variants_meet(a, b):
    assert fuzzy_key(a) == fuzzy_key(b)


def test_fold_keeps_words_apart_but_drops_marks():
    assert fold("Ma‘arrat  an-Nu‘mān") == "maarrat an numan"
    assert norm_key("Kidal") != norm_key("Kida")


def test_different_places_stay_different():
    assert fuzzy_key("Aleppo") != fuzzy_key("Idlib")
    assert fuzzy_key("Mosul") != fuzzy_key("Basra")
