"""Long texts parsed in paragraph-aligned pieces and put back together as one Doc.

spaCy refuses texts over nlp.max_length (1,000,000 characters) and its memory grows with a text's length;
an article longer than MAX_PIECE characters is cut after a paragraph break (else after a sentence, a line,
a space), each piece is parsed, and Doc.from_docs joins them with no character added or lost: the joined
Doc's text is the original text, so every offset into it indexes the article."""

from __future__ import annotations

from typing import Iterable, Iterator, TypeVar

MAX_PIECE = 100_000
_BREAKS = ("\n\n", ". ", "\n", " ")

Context = TypeVar("Context")


def cut_points(text: str, limit: int = MAX_PIECE) -> list[int]:
    """Where the pieces of `text` end (the last is len(text)); no piece is longer than `limit`."""
    ends, start = [], 0
    while len(text) - start > limit:
        window = start + limit
        for brk in _BREAKS:
            at = text.rfind(brk, start + 1, window - len(brk) + 1)
            if at > start:
                end = at + len(brk)
                break
        else:
            end = window  # one run of 100,000 characters without a space: cut it anywhere
        ends.append(end)
        start = end
    return ends + [len(text)]


def pipe_in_pieces(nlp, items: Iterable[tuple[str, Context]], batch_size: int = 16
                   ) -> Iterator[tuple[object, Context]]:
    """nlp.pipe(items, as_tuples=True), with texts over MAX_PIECE parsed in pieces and joined again."""
    from spacy.tokens import Doc

    def pieces() -> Iterator[tuple[str, tuple[int, int, Context]]]:
        for index, (text, context) in enumerate(items):
            start = 0
            ends = cut_points(text, MAX_PIECE)
            for end in ends:
                yield text[start:end], (index, len(ends), context)
                start = end

    parts: list = []
    for doc, (_index, count, context) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        parts.append(doc)
        if len(parts) == count:
            yield (parts[0] if count == 1 else Doc.from_docs(parts, ensure_whitespace=False)), context
            parts = []
