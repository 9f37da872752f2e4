"""The Gritta-format reader and the scorer, on small files written here (no shared gold needed)."""

import pytest

from eventatlas.evaluate.geo import GoldError, read_gold, score_geo

GWN_STYLE = """<?xml version="1.0" ?>
<articles>
  <article file="7">
    <title>t</title><link>l</link>
    <text>Shelling hit Aleppo and Idlib on Monday, Syrian media said.</text>
    <toponyms>
      <toponym><extractedName>Aleppo</extractedName><type>Literal</type><start>13</start><end>19</end>
        <geonamesID>170063</geonamesID><latitude>36.20124</latitude><longitude>37.16117</longitude></toponym>
      <toponym><extractedName>Idlib</extractedName><type>Literal</type><start>24</start><end>29</end>
        <geonamesID>169389</geonamesID><latitude>35.93062</latitude><longitude>36.63393</longitude></toponym>
      <toponym><extractedName>Syrian</extractedName><type>Non_Literal_Modifier</type><start>41</start><end>47</end>
        <geonamesID>163843</geonamesID><latitude>35.0</latitude><longitude>38.0</longitude></toponym>
      <toponym><extractedName>media</extractedName><type>Non_Toponym</type><start>48</start><end>53</end>
        <geonamesID/><latitude/><longitude/></toponym>
    </toponyms>
  </article>
</articles>
"""

LGL_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text><![CDATA[Gunmen attacked a post near Menaka in Mali.]]></text>
    <toponyms>
      <toponym><start>28</start><end>34</end><phrase>Menaka</phrase>
        <gaztag geonameid="2453514"><name>Menaka</name><lat>15.91823</lat><lon>2.40182</lon></gaztag></toponym>
      <toponym><start>38</start><end>42</end><phrase>Mali</phrase>
        <gaztag geonameid="2453866"><name>Mali</name><lat>18.0</lat><lon>-2.0</lon></gaztag></toponym>
    </toponyms>
  </article>
</articles>
"""


@pytest.fixture()
def gold_files(tmp_path):
    gwn, lgl = tmp_path / "gwn.xml", tmp_path / "lgl.xml"
    gwn.write_text(GWN_STYLE, encoding="utf-8")
    lgl.write_text(LGL_STYLE, encoding="utf-8")
    return gwn, lgl


def test_both_xml_styles_are_read_with_offsets_into_the_text(gold_files):
    (art,) = read_gold(gold_files[0])
    assert [t.text for t in art.toponyms] == ["Aleppo", "Idlib", "Syrian", "media"]
    assert art.toponyms[3].lat is None and art.toponyms[3].kind == "Non_Toponym"
    (art,) = read_gold(gold_files[1])
    assert [(t.text, t.geonames_id) for t in art.toponyms] == [("Menaka", 2453514), ("Mali", 2453866)]


def test_scores_on_a_small_file(gold_files):
    result = score_geo("gwn", path=str(gold_files[0]))
    assert result["gold_spans"]["n"] == 3
    assert result["gold_spans"]["exact_match"] == 1.0
    e2e = result["end_to_end"]
    assert e2e["recall"] == 1.0 and e2e["acc_161km_matched"] == 1.0
    assert "population_baseline" in result


def test_bad_inputs_get_one_line_errors(tmp_path):
    with pytest.raises(GoldError, match="no such gold file"):
        read_gold(tmp_path / "missing.xml")
    broken = tmp_path / "broken.xml"
    broken.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(GoldError, match="not well-formed"):
        read_gold(broken)
    empty = tmp_path / "empty.xml"
    empty.write_text("<articles/>", encoding="utf-8")
    with pytest.raises(GoldError, match="no <article>"):
        read_gold(empty)
    with pytest.raises(GoldError, match="unknown geoparsing set"):
        score_geo("tr-news")


def test_each_gold_set_is_scored_with_the_weights_fitted_on_the_other(gold_files):
    from eventatlas.evaluate.geo import CROSS_FITTED
    from eventatlas.geo.ranker import DEFAULT, weight_table

    assert CROSS_FITTED == {"gwn": "lgl", "lgl": "gwn"}
    assert {"hand", "lgl", "gwn", DEFAULT} <= set(weight_table())
    # a file of one's own is no fitting set: it gets the shipped default, or the weights one names
    assert score_geo("gwn", path=str(gold_files[0]), end_to_end=False)["ranker"] == DEFAULT
    assert score_geo("gwn", path=str(gold_files[0]), end_to_end=False, ranker="hand")["ranker"] == "hand"
    with pytest.raises(ValueError, match="no such ranker weights"):
        score_geo("gwn", path=str(gold_files[0]), end_to_end=False, ranker="nonesuch")
