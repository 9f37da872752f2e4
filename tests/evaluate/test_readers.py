"""Gold readers on small files in each set's format, and the clear one-line errors for bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from eventatlas.evaluate import gold as goldmod
from eventatlas.evaluate.acled import read_case
from eventatlas.evaluate.cameo import quad_map, read_cameo
from eventatlas.evaluate.muc_gold import parse_date_value, read_muc
from eventatlas.evaluate.plover import capitalised_phrases, read_plover
from eventatlas.evaluate.textmatch import loose_match
from eventatlas.evaluate.ucdp import read_ucdp, side_matches
from eventatlas.records import PLOVER_TYPES, Actor


def test_plover_reader_maps_legacy_labels_and_skips_documentation(fixtures):
    recs = read_plover(fixtures / "plover_mini.json")
    assert [r.label for r in recs] == ["AGREE", "REQUEST", "ASSAULT"]
    assert recs[0].sources[0]["actorText"] == "Kenya"
    assert recs[1].targets == []  # a free-text "target" string is not an actor


def test_plover_reader_names_the_file_when_it_is_not_json(tmp_path):
    bad = tmp_path / "gsr.txt"
    bad.write_text("not json")
    with pytest.raises(ValueError, match="gsr.txt: not a readable JSON array"):
        read_plover(bad)


def test_capitalised_phrases_skip_a_sentence_initial_article():
    assert capitalised_phrases("The Indo-Pacific Fisheries Council met Manila officials") == [
        "Indo-Pacific Fisheries Council", "Manila"]


def test_case_reader_maps_codes_to_acled_names_and_none_outside_acled(fixtures):
    snippets = read_case(fixtures / "case_mini.tsv")
    assert [s.sub_event_type for s in snippets] == [
        "Abduction/forced disappearance", "Peaceful protest", "none", "Air/drone strike"]


def test_case_reader_rejects_an_unknown_sub_type(tmp_path):
    bad = tmp_path / "dev.tsv"
    bad.write_text("id\tEventSnippet\tSubType\n1\tsomething happened\tPICNIC\n")
    with pytest.raises(ValueError, match=r"dev.tsv: line 2: unknown sub-type 'PICNIC'"):
        read_case(bad)


def test_case_reader_rejects_missing_columns(tmp_path):
    bad = tmp_path / "dev.tsv"
    bad.write_text("id\ttext\n1\tx\n")
    with pytest.raises(ValueError, match="missing column"):
        read_case(bad)


def test_cameo_reader_and_every_plover_type_has_a_class(fixtures):
    assert read_cameo(fixtures / "cameo_mini.tsv")[0] == (
        "Troops fired on protesters in the capital, killing five.", "4")
    quad = quad_map()
    assert set(PLOVER_TYPES) | {"none"} == set(quad)
    assert quad["ASSAULT"] == "4" and quad["AGREE"] == "1" and quad["none"] == "0"


def test_cameo_reader_rejects_a_bad_label(tmp_path):
    bad = tmp_path / "c.tsv"
    bad.write_text("A sentence.\t7\n")
    with pytest.raises(ValueError, match="line 1: expected sentence<TAB>class 0-4"):
        read_cameo(bad)


def test_muc_reader_pools_templates_per_message(fixtures):
    msgs = {m.id: m for m in read_muc(fixtures / "muc")}
    first, second = msgs["MINI-MUC3-0001"], msgs["MINI-MUC3-0002"]
    assert first.published == "1990-11-28" and first.dateline_place == "LIMA"
    assert second.dateline_place == "BOGOTA"  # "(COLOMBIA)" after the city is not part of it
    g = first.gold
    assert g.types == {"BOMBING"}
    assert g.locations == [[["PERU"], ["JUNIN"], ["TARMA"]]]
    assert ["RED FLAG COMMAND", "COMANDO BANDERA ROJA"] in g.perpetrators and ["TERRORISTS"] in g.perpetrators
    assert g.confidences == [(["RED FLAG COMMAND", "COMANDO BANDERA ROJA"], "claimed")]
    assert ["GUARDS"] in g.targets  # "?" marks an uncertain filler; it still counts
    assert g.effects == {"DEATH"}  # "NO INJURY" is not an injury
    assert second.gold.types == set() and second.gold.perpetrators == []


def test_muc_dates_cover_ranges_and_on_or_before():
    (exact,) = parse_date_value("30 DEC 89")
    assert exact.start == exact.end == dt.date(1989, 12, 30)
    (span,) = parse_date_value("03 JAN 90 - 05 JAN 90")
    assert span.contains(dt.date(1990, 1, 4)) and not span.contains(dt.date(1990, 1, 6))
    (before,) = parse_date_value("- 11 MAR 90")
    assert before.contains(dt.date(1990, 3, 1)) and not before.contains(dt.date(1990, 3, 12))


def test_muc_reader_needs_answer_keys(tmp_path):
    (tmp_path / "texts").write_text("X-MUC3-0001\n\nTEXT\n")
    with pytest.raises(ValueError, match="no MUC answer-key files"):
        read_muc(tmp_path)


def test_ucdp_reader_keeps_only_headlines_of_one_event(fixtures):
    events = read_ucdp(fixtures / "ucdp_mini.csv")
    assert [e.id for e in events] == ["1", "4"]
    assert (events[0].low, events[0].best, events[0].high, events[0].date) == (10, 12, 14, "2016-03-01")


def test_ucdp_sides_map_the_pipelines_actor_names_types_and_countries():
    syrian_army = Actor("agent", "regime forces", "Military Forces of Syria", "state", "SY")
    assert side_matches("Government of Syria", syrian_army)
    assert not side_matches("SDF", syrian_army)
    # a government is known by its country: the pipeline's "the army" of no known country names none
    assert not side_matches("Government of Syria", Actor("agent", "the army", "army", "state", None))
    islamic_state = Actor("agent", "IS fighters", "Islamic State", "rebel", None)
    assert side_matches("IS", islamic_state)
    assert not side_matches("Syrian insurgents", islamic_state)  # a named group is its own side
    assert side_matches("Syrian insurgents", Actor("agent", "rebels", "rebels", "rebel", None))
    assert side_matches("Civilians", Actor("target", "12 people", "people", "civilians", None))
    assert not side_matches("Civilians", Actor("target", "the town", "town", None, None))


def test_ucdp_a_side_of_several_groups_is_named_by_any_of_them():
    nusra = Actor("agent", "Jabhat Fateh al-Sham", "Hayat Tahrir al-Sham", "rebel", "SY")
    assert side_matches("Ahrar al-Sham, Jabhat Fateh al-Sham", nusra)
    assert side_matches("Ahrar al-Sham, Southern Front", Actor("agent", "Ahrar al-Sham", "Ahrar al-Sham", "rebel"))


def test_loose_match_ignores_case_accents_determiners():
    assert loose_match("FARABUNDO MARTI NATIONAL LIBERATION FRONT", "the Farabundo Martí National Liberation Front")
    assert loose_match("FMLN", "FMLN guerrillas")
    assert not loose_match("FMLN", "army")
    assert not loose_match("THE", "the")  # nothing left after determiners is no match


def test_gold_root_prefers_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTATLAS_GOLD", str(tmp_path))
    assert goldmod.gold_root() == tmp_path.resolve()
    with pytest.raises(goldmod.GoldMissing, match="nowhere.tsv: no such gold file"):
        goldmod.gold_path("nowhere.tsv")


def test_gold_root_names_a_bad_environment_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTATLAS_GOLD", str(tmp_path / "absent"))
    with pytest.raises(goldmod.GoldMissing, match="EVENTATLAS_GOLD is set but is not a directory"):
        goldmod.gold_root()
