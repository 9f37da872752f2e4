"""The English check: a stopword ratio with no model. Checked on text written here and, when the gold
sets are present (../shared/gold or EVENTATLAS_GOLD), on hundreds of real English news articles."""

from __future__ import annotations

import csv
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from eventatlas.ingest.language import check_english, english_words, other_words

ENGLISH = [
    "Russian forces shelled Kharkiv on Friday, killing at least 12 civilians, the regional governor said.",
    "Gunmen kill 12 in attack on village",  # a bare headline
    "ISLAMIC STATE FIGHTERS ATTACKED AN ARMY POST NEAR MOSUL, THE MINISTRY SAID.",
    "The talks in Doha ended without a deal, and both sides blamed each other for the failure to agree.",
]
OTHER = {
    "fr": "Les forces gouvernementales ont repris la ville après des combats qui ont duré toute la nuit.",
    "es": "Las fuerzas del gobierno recuperaron la ciudad después de combates que duraron toda la noche.",
    "de": "Die Regierungstruppen haben die Stadt nach nächtlichen Kämpfen zurückerobert, sagten Zeugen.",
    "pt": "As forças do governo retomaram a cidade depois de combates que duraram toda a noite.",
    "it": "Le forze governative hanno ripreso la città dopo combattimenti durati tutta la notte.",
    "nl": "De regeringstroepen hebben de stad heroverd na gevechten die de hele nacht duurden.",
    "id": "Pasukan pemerintah merebut kembali kota itu setelah pertempuran yang berlangsung sepanjang malam.",
    "ru": "Правительственные войска вернули город после ночных боев, сообщили свидетели.",
    "ar": "استعادت القوات الحكومية المدينة بعد معارك استمرت طوال الليل، بحسب شهود.",
    "zh": "政府军在激战一夜后夺回了该市，目击者说。",
}


@pytest.mark.parametrize("text", ENGLISH)
def test_english_is_accepted(text):
    assert check_english(text).english


@pytest.mark.parametrize("lang", sorted(OTHER))
def test_other_languages_are_rejected_with_a_reason(lang):
    verdict = check_english(OTHER[lang])
    assert not verdict.english
    assert verdict.reason.startswith("not English")


def test_non_latin_scripts_are_named():
    assert "Cyrillic" in check_english(OTHER["ru"]).reason
    assert "Arabic" in check_english(OTHER["ar"]).reason
    assert "CJK" in check_english(OTHER["zh"]).reason


def test_word_lists_are_data_files():
    assert {"the", "of", "and", "said"} <= english_words()
    assert {"fr", "es", "de", "pt"} <= set(other_words())


def test_words_english_shares_with_other_languages_count_for_both():
    # "as", "a" and "do" are Portuguese too: counted only for English they would pass the Portuguese above
    assert {"a", "as", "do"} <= english_words() & other_words()["pt"]
    assert check_english("As long as the talks go on, we do not expect a deal, a diplomat said.").english


def test_numbers_and_punctuation_only():
    assert check_english("12,000 -- 45% / 2026").reason == "no words in the text"


def _gold() -> Path | None:
    env = os.environ.get("EVENTATLAS_GOLD")
    repo = Path(__file__).resolve().parents[2]
    for cand in ([Path(env)] if env else []) + [repo.parent / "shared" / "gold"]:
        if cand.is_dir():
            return cand
    return None


@pytest.mark.gold
def test_real_english_news_is_almost_never_rejected():
    gold = _gold()
    if gold is None or not (gold / "geoparsing" / "lgl.xml").is_file():
        pytest.skip("gold data not found (../shared/gold or EVENTATLAS_GOLD)")
    articles = [a.findtext("text") for a in ET.parse(gold / "geoparsing" / "lgl.xml").getroot()]
    with open(gold / "case2021_task2" / "dev.tsv", encoding="utf-8", newline="") as f:
        snippets = [r["EventSnippet"] for r in csv.DictReader(f, delimiter="\t")]
    texts = [t for t in articles + snippets if t and t.strip()]
    rejected = [t for t in texts if not check_english(t).english]
    assert len(texts) > 900
    # measured: 0 of 588 LGL articles, 2 of 406 CASE snippets (bare headlines without a function word)
    assert len(rejected) / len(texts) < 0.005, rejected[:5]
