"""Normalisation: make a document's text ready for sentence splitting.

Hard-wrapped paragraphs (readouts wrapped at ~72 columns) are joined into one line, while
headlines, datelines and list items keep their own lines. Markdown links keep their text
("[April](https://...)" reads "April"). The transformation only ever replaces characters by
spaces, so character offsets into the normalised text are offsets into the original text too.
"""

from __future__ import annotations

import re

_PARA_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
_WRAP_MIN, _WRAP_MAX = 45, 110
_END_PUNCT = (".", "!", "?", ":", ";", '"', "\u201d", ")")
_LINK = re.compile(r"\[([^\[\]]{0,300})\]\((?:https?://|/|mailto:)[^()\s]{0,2000}\)")


def normalize(text: str) -> str:
    """Join hard-wrapped lines inside paragraphs, blank out the markup of Markdown links;
    keep offsets unchanged."""
    out = list(text)
    start = 0
    for m in _PARA_BREAK.finditer(text + "\n\n"):
        _join_paragraph(text, start, min(m.start(), len(text)), out)
        start = m.end()
    for m in _LINK.finditer(text):
        out[m.start()] = " "
        for i in range(m.end(1), m.end()):
            out[i] = " "
    return "".join(out)


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
