"""Normalisation: make a document's text ready for sentence splitting.

Hard-wrapped paragraphs (readouts wrapped at ~72 columns) are joined into one line, while
headlines, datelines and list items keep their own lines. Markdown links keep their text
("[April](https://...)" reads "April"). Typographic quotes, apostrophes, dashes and spaces are
folded to their ASCII forms ("People’s" reads "People's", "U.S.–China" reads "U.S.-China"), so
no phrase, trigger or date rule needs two spellings. The transformation only ever replaces one
character by one character, so character offsets into the normalised text are offsets into the
original text too.

:func:`fold` goes further for matching names: it also drops diacritics ("Nguyễn Phú Trọng" →
"Nguyen Phu Trong"); it may change the length, so it is applied to a token or a phrase, never to
the text that offsets index.
"""

from __future__ import annotations

import re
import unicodedata

_PARA_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
_WRAP_MIN, _WRAP_MAX = 45, 110
_END_PUNCT = (".", "!", "?", ":", ";", '"', "\u201d", ")")
# One character for one: typographic forms and their ASCII equivalents.
TYPOGRAPHIC = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00a0\u2002\u2003\u2007\u2009\u200a\u202f\u205f\u3000", " "),
})
# Letters that carry no combining mark in Unicode's decomposition.
_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                          "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                          "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"})
_LINK = re.compile(r"\[([^\[\]]{0,300})\]\((?:https?://|/|mailto:)[^()\s]{0,2000}\)")


def normalize(text: str) -> str:
    """Join hard-wrapped lines inside paragraphs, blank out the markup of Markdown links,
    fold typographic punctuation to ASCII; keep offsets unchanged."""
    out = list(text.translate(TYPOGRAPHIC))
    start = 0
    for m in _PARA_BREAK.finditer(text + "\n\n"):
        _join_paragraph(text, start, min(m.start(), len(text)), out)
        start = m.end()
    for m in _LINK.finditer(text):
        out[m.start()] = " "
        for i in range(m.end(1), m.end()):
            out[i] = " "
    return "".join(out)


def fold(text: str) -> str:
    """``text`` in ASCII letters and punctuation where it has an ASCII reading: typographic
    punctuation folded, diacritics dropped ("Tô Lâm" → "To Lam", "Møller" → "Moller"). Other
    scripts are kept as they are. The length may change."""
    text = text.translate(TYPOGRAPHIC)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", kept)


def _join_paragraph(text: str, start: int, end: int, out: list[str]) -> None:
    para = text[start:end]
    lines = para.split("\n")
    if len(lines) < 2 or not _is_wrapped(lines):
        return
    pos = start
    for line in lines[:-1]:
        pos += len(line)
        out[pos] = " "
        pos += 1


def _is_wrapped(lines: list[str]) -> bool:
    """A paragraph is hard-wrapped when its lines but the last fill a similar width. A line
    with a link, or cut short because a link did not fit, counts as filled."""
    body = [ln.rstrip() for ln in lines[:-1]]
    if not body:
        return False
    linked = [bool(_LINK.search(ln) or _LINK.match(lines[i + 1].lstrip()))
              for i, ln in enumerate(body)]
    filled = sum(_WRAP_MIN <= len(ln) <= _WRAP_MAX or link
                 for ln, link in zip(body, linked, strict=True))
    if filled < max(1, len(body) * 0.6):
        return False
    # a short line ending a sentence right before a headline-like line is a real break
    return not any(len(ln) < 25 and not ln.endswith(_END_PUNCT) and not link
                   for ln, link in zip(body, linked, strict=True))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of a normalised text (non-empty lines)."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans
