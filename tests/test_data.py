"""One reader for every packaged data file: TSV with a header, word lists and YAML, comments skipped."""

import pytest

from eventatlas.data import read_rows, read_table, read_words, read_yaml


def test_a_tsv_table_is_keyed_by_its_header_and_skips_comments():
    rows = read_table("eventatlas.extract", "triggers.tsv")
    assert set(rows[0]) == {"lemma", "pos", "type", "mode", "acled_sub_event_type", "weight"}
    assert not any(r["lemma"].startswith("#") for r in rows)


def test_rows_without_a_header_keep_their_first_line():
    with_header = read_rows("eventatlas.evaluate", "plover_labels.tsv")
    assert with_header[0][0] != "gold"
    first = read_rows("eventatlas.geo", "demonyms.tsv", header=False)[0]
    assert len(first) >= 2 and not first[0].startswith("#")


def test_word_lists_are_lower_cased_unless_case_matters():
    assert "the" in read_words("eventatlas.ingest", "english_function_words.txt")
    assert any(w[:1].isupper() for w in read_words("eventatlas.ingest", "outlet_words.txt", lower=False))


def test_yaml_files_and_missing_files():
    assert "light_verbs" in read_yaml("eventatlas.extract", "words.yaml")
    with pytest.raises(FileNotFoundError):
        read_table("eventatlas.extract", "no-such-file.tsv")
