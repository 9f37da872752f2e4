"""Cutting long texts into pieces for the parser: nothing added, nothing lost, paragraphs kept whole."""

from __future__ import annotations

from eventatlas.nlp.pieces import cut_points, pipe_in_pieces


def pieces(text: str, limit: int) -> list[str]:
    out, start = [], 0
    for end in cut_points(text, limit):
        out.append(text[start:end])
        start = end
    return out


def test_pieces_end_after_a_paragraph_break_and_join_to_the_text():
    text = "\n\n".join(f"Paragraph {i} says something about the harvest." for i in range(40))
    parts = pieces(text, 200)
    assert "".join(parts) == text
    assert all(len(p) <= 200 for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:-1])


def test_a_paragraph_longer_than_a_piece_is_cut_after_a_sentence_then_a_space():
    sentences = " ".join(f"Sentence {i} is short." for i in range(50))
    assert all(p.endswith(". ") for p in pieces(sentences, 120)[:-1])
    words = "word " * 100
    assert all(p.endswith(" ") for p in pieces(words, 42)[:-1])
    assert pieces("x" * 250, 100) == ["x" * 100, "x" * 100, "x" * 50]


def test_a_short_text_is_one_piece():
    assert cut_points("One line.", 100) == [9]
    assert cut_points("", 100) == [0]


def test_the_joined_doc_holds_the_text_and_offsets_of_each_piece(nlp, monkeypatch):
    import eventatlas.nlp.pieces as module

    monkeypatch.setattr(module, "MAX_PIECE", 60)
    text = "Gunmen attacked a convoy near Gao.\n\nPolice arrested 40 people in Kyiv on Monday.\n\nIt rained."
    (doc, context), = pipe_in_pieces(nlp, [(text, "ctx")])
    assert context == "ctx" and doc.text == text
    kyiv = next(e for e in doc.ents if e.text == "Kyiv")
    assert text[kyiv.start_char:kyiv.end_char] == "Kyiv"
    assert [s.text.strip() for s in doc.sents][-1] == "It rained."
