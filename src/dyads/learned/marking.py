"""The model's input: a record's sentence with its trigger and parties marked.

    [S]Japan[/S] [T]pledged[/T] $500 million in aid to [R]Ukraine[/R].

and, as the second segment, the codes the rules gave the parties ("JPN > UKR"), so that the
model can also see a party the rules took from elsewhere in the document. The same function
builds the training input from annotated records and the run-time input from events, so the
two cannot drift.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from dyads.models import Event, Evidence

Span = tuple[int, int]
MARKS = (("T", "trigger"), ("S", "actor"), ("R", "recipient"))
_PARTY_MARK = re.compile(r"\[(/?)([SR])\]")


def mark(sentence: str, spans: Iterable[tuple[str, Span]]) -> str:
    """``sentence`` with each ``(tag, (start, end))`` span (offsets into ``sentence``)
    wrapped in ``[tag]…[/tag]``. Empty or out-of-range spans are skipped; where spans
    share an offset, closing marks come before opening ones."""
    inserts: list[tuple[int, int, str]] = []
    for order, (tag, (start, end)) in enumerate(spans):
        if not 0 <= start < end <= len(sentence):
            continue
        inserts.append((start, 2 + order, f"[{tag}]"))
        inserts.append((end, 0, f"[/{tag}]"))
    out, last = [], 0
    for pos, _, text in sorted(inserts):
        out.append(sentence[last:pos])
        out.append(text)
        last = pos
    out.append(sentence[last:])
    return "".join(out)


def mark_evidence(text: str, evidence: Evidence) -> str:
    """The sentence of ``evidence`` in the document ``text``, marked."""
    start, end = evidence.sentence_start, evidence.sentence_end
    sentence = text[start:end]
    spans: list[tuple[str, Span]] = [("T", _shift(evidence.trigger, start))]
    spans += [("S", _shift(s, start)) for s in evidence.actor]
    spans += [("R", _shift(s, start)) for s in evidence.recipient]
    return mark(sentence, spans).strip()


def parties(source: Sequence[str], target: Sequence[str]) -> str:
    """The second input segment: the parties' codes, e.g. ``"USA > CHN"``."""
    return f"{' '.join(source) or 'UNK'} > {' '.join(target) or '-'}"


def event_input(text: str, event: Event) -> tuple[str, str] | None:
    """The model input of ``event`` coded from the document ``text``; None without evidence."""
    if event.evidence is None:
        return None
    return (mark_evidence(text, event.evidence),
            parties([a.code for a in event.actor], [r.code for r in event.recipient]))


def mirror(model_input: tuple[str, str]) -> tuple[str, str]:
    """The input of the same record with source and recipient swapped (B → A of an A → B
    meeting: the same sentence and trigger, the marks [S] and [R] and the codes exchanged)."""
    marked, pair = model_input
    swapped = _PARTY_MARK.sub(lambda m: f"[{m.group(1)}{'R' if m.group(2) == 'S' else 'S'}]",
                              marked)
    source, _, target = pair.partition(" > ")
    return swapped, f"{target} > {source}"


def _shift(span: Span, offset: int) -> Span:
    return span[0] - offset, span[1] - offset
