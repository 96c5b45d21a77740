"""Bulletin structure: sections, blocks, sentences, citations, captions and footnotes.

``segment_document(document)`` is the stage's entry point; ``split_sentences``,
``parse_citations``, ``find_citations`` and ``find_closing_citations`` are usable alone.
Word lists live in ``watchfloor/data/segment/`` (see its README).
"""

from watchfloor.segment.citations import find_citations, find_closing_citations, parse_citations
from watchfloor.segment.sentences import split_sentences
from watchfloor.segment.tree import segment_document

__all__ = [
    "find_citations",
    "find_closing_citations",
    "parse_citations",
    "segment_document",
    "split_sentences",
]
