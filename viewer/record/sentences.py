"""A source text cut into sentences, each with where it stands and the line it starts on.

Sources are abstracts and case reports copied from web pages and PDFs: sentences run
together ("entity.A 71-year-old"), abbreviations and initials end in full stops
("Dr.", "e.g.", "et al.", "Wuyts WA."), numbers hold points ("1.5 mg"), and lists,
headings and page furniture ("Share", "Abstract") sit between the paragraphs.

The rules:
- Text is read line by line. A line that does not end a sentence runs on into the next
  line of its paragraph when that line starts with a lower-case letter (a wrapped line);
  a blank line, a bullet ("- ", "* ", "• ", "1. ", "2) ") or any other line start ends it.
- A sentence ends at ".", "!", "?", "…" or "..." (with any closing quotes or brackets) that
  is followed by white space or the end of the line, or that is run together with a capital
  letter after a lower-case word ("entity.A"). A lower-case word after white space goes on
  the sentence after "?", "!" or a closing quote, and starts a new one after a bare full stop
  (a source cut mid-sentence: "ILD. treated with"). It does not end after an abbreviation of
  the list below, after a single letter (an initial) or after a word with points in it
  ("e.g", "U.S"), nor inside a number ("1.5").
- Headings and page furniture (`furniture` is true): a piece of a line that ends without a
  sentence end (a title, "Abstract", "DOI ..."), a run-in heading at the start of a line
  ("Case presentation:"), and a paragraph that is one short line of at most eight words
  standing alone between blank lines ("This document is currently not available here.").
  Bullet items always count as sentences, ended or not.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import msgspec

from viewer.record.provenance import normalise

ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "al", "cf", "approx", "ca", "fig", "figs", "no"}
    | {"nos", "vol", "pp", "ed", "eds", "jr", "sr", "dept", "resp", "incl", "inc", "ltd", "co", "mt", "ref"}
    | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "refs"}
)
"""Words that end in a full stop without ending a sentence (compared in lower case)."""

FURNITURE_WORDS = 8
"""A paragraph of one line with at most this many words is a heading or page furniture."""

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_BULLET = re.compile(r"[ \t]*(?:[-*•–·▪◦]|\d{1,3}[.)])[ \t]+(?=\S)")
_RUN_IN = re.compile(r"([^\W\d_][\w/&()'’ -]{0,40}?):[ \t]+(?=\S)")
_END = re.compile(r"(?:\.\.\.|[.!?…])[\"'”’»)\]]*")
_FINAL_END = re.compile(_END.pattern + r"$")
_WORD_BEFORE = re.compile(r"[\w.]+$")


class Sentence(msgspec.Struct, frozen=True):
    start: int
    """Offset of the sentence's first character in the source text."""
    end: int
    """Offset just past its last character."""
    line: int
    """The line of the source text it starts on, counted from 1."""
    text: str
    """Its words, white space runs made one space."""
    furniture: bool = False
    """A heading or page furniture rather than a sentence of the text (see the module's rules)."""


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence, heading and piece of furniture of `text`, in order."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.end() > m.start()]
    starts = [start for start, _ in lines]
    sentences: list[Sentence] = []

    def add(start: int, end: int, furniture: bool) -> None:
        piece = text[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        if end > start:
            line = bisect_right(starts, start)
            sentences.append(Sentence(start, end, line, normalise(text[start:end]), furniture))

    for unit_start, unit_end, bullet, lone in _units(text, lines):
        position = unit_start
        if bullet is not None:
            position = bullet
        else:
            heading = _RUN_IN.match(text, position, unit_end)
            if heading is not None and len(heading.group(1).split()) <= 4:
                add(position, heading.end(1) + 1, True)
                position = heading.end()
        for end in _ends(text, position, unit_end):
            add(position, end, lone)
            position = end
        add(position, unit_end, bullet is None)
    return sentences


def _units(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int, int | None, bool]]:
    """(start, end, end of the bullet marker or None, lone short line) for each run of lines read as one."""
    units: list[tuple[int, int, int | None, bool]] = []
    paragraph: list[int] = []  # indexes into `units` of the paragraph being read

    def close_paragraph() -> None:
        if len(paragraph) == 1:
            start, end, bullet, _ = units[paragraph[0]]
            one_line = "\n" not in text[start:end].strip() and "\r" not in text[start:end].strip()
            if bullet is None and one_line and len(text[start:end].split()) <= FURNITURE_WORDS:
                units[paragraph[0]] = (start, end, bullet, True)
        paragraph.clear()

    for start, end in lines:
        content = text[start:end].strip()
        if not content:
            close_paragraph()
            continue
        bullet = _BULLET.match(text, start, end)
        if units and paragraph and bullet is None and content[0].islower():
            previous_start, _, previous_bullet, _ = units[paragraph[-1]]
            if not _ends_sentence(text[previous_start:start].rstrip()):
                units[paragraph[-1]] = (previous_start, end, previous_bullet, False)
                continue
        units.append((start, end, bullet.end() if bullet else None, False))
        paragraph.append(len(units) - 1)
    close_paragraph()
    return units


def _ends_sentence(text: str) -> bool:
    """Whether `text` ends with a sentence end."""
    match = _FINAL_END.search(text)
    return match is not None and not _abbreviation(text, match.start())


def _abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` ends an abbreviation, an initial or a word with points in it."""
    if text[stop] != ".":
        return False
    word = _WORD_BEFORE.search(text, 0, stop)
    if word is None:
        return False
    token = word.group()
    return token.lower() in ABBREVIATIONS or "." in token or (len(token) == 1 and token.isalpha())


def _ends(text: str, start: int, end: int) -> list[int]:
    """Offsets just past each sentence end between `start` and `end`."""
    found: list[int] = []
    for match in _END.finditer(text, start, end):
        after = match.end()
        if after >= end or text[after].isspace():
            rest = text[after:end].lstrip()
            # After "?" or a closing quote, a lower-case word goes on the sentence ("'Why?' she asked").
            lower_goes_on = rest[:1].islower() and match.group() != "."
            if not rest or not (lower_goes_on or _abbreviation(text, match.start())):
                found.append(after)
        elif text[after].isupper() and _run_together(text, match.start()):
            found.append(after)
    return found


def _run_together(text: str, stop: int) -> bool:
    """Whether the sentence end at `stop`, with a capital straight after it, follows a lower-case word."""
    word = _WORD_BEFORE.search(text, 0, stop)
    if word is None:
        return False
    token = word.group()
    return (
        text[stop] in ".!?"
        and len(token) >= 2
        and token.isalpha()
        and token[-1].islower()
        and token.lower() not in ABBREVIATIONS
    )
