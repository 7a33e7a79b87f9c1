"""`dyads explain`: the parse, the extensions each stage set, and the records of a text."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from dyads.actors.mentions import SPAN_KEY
from dyads.models import Document, Entity, Failure
from dyads.nlp import sentences
from dyads.pipeline import Coder

if TYPE_CHECKING:
    from spacy.tokens import Doc


def explain(coder: Coder, text: str, published: dt.date | None = None) -> str:
    document = Document("explain", text, published=published)
    sdoc = coder.parse(document)
    lines = ["parse:"]
    for tok in sdoc:
        if tok.is_space:
            continue
        lines.append(f"  {tok.i:>3} {tok.text:<16} {tok.lemma_:<14} {tok.pos_:<6} "
                     f"{tok.dep_:<10} -> {tok.head.i}")
    lines += _extensions(sdoc)
    lines.append("records:")
    result = coder.records(document, sdoc)
    if isinstance(result, Failure):
        lines.append(f"  failed: {result.error}")
        return "\n".join(lines)
    for ev in result.events:
        rec = ev.to_plover()
        who = lambda ents: ",".join(  # noqa: E731
            f"{e['code']}/{e.get('sector') or '-'}" for e in ents) or "-"
        lines.append(f"  {rec['event'][0]} {rec['cameo']} {who(rec['actor'])} -> "
                     f"{who(rec['recipient'])} date={rec['date']} modality={rec['modality']}"
                     f" rule={rec['evidence']['rule']}")
        lines.append("    " + json.dumps(rec, ensure_ascii=False)[:400])
    if not result.events:
        lines.append("  (none)")
    return "\n".join(lines)


def _extensions(sdoc: Doc) -> list[str]:
    """What each dyads component set on the Doc (:mod:`dyads.extensions`), sentence by
    sentence."""
    lines = [f"knowledge-base mentions (doc.spans[{SPAN_KEY!r}], span._.kb):"]
    for span in sdoc.spans.get(SPAN_KEY, ()):
        mention = span._.kb
        lines.append(f"  {span.text!r}: {mention.kind} {', '.join(mention.keys)}")
    if sdoc._.dyads_error is not None:
        return [*lines, f"error (doc._.dyads_error): {sdoc._.dyads_error}"]
    lines.append("sentences (doc._.dyads_dates, dyads_quantities, dyads_locations):")
    for index, _, text in sentences(sdoc):
        date = sdoc._.dyads_dates[index]
        when = _date(date.when) if date.when else f"- (fallback {_date(date.fallback)})"
        lines.append(f"  {index}: {text[:60]!r} date={when}")
        for q in sdoc._.dyads_quantities[index]:
            lines.append(f"     amount {q.kind} {q.value:g} {q.unit} {q.text!r}")
        place = (sdoc._.dyads_locations or {}).get(index)
        if place is not None:
            lines.append(f"     location {place.name} ({place.country})")
    dateline = sdoc._.dyads_dateline or []
    lines.append(f"dateline (doc._.dyads_dateline): {', '.join(p.name for p in dateline) or '-'}")
    ctx = sdoc._.dyads_context
    if ctx is not None:
        lines.append("actor memory (doc._.dyads_context): "
                     f"pair={_who(ctx.current_pair)} last subject={_who([ctx.last_subject])} "
                     f"actors seen={len(ctx.seen)}")
    lines.append("commitments (doc._.dyads_commitments):")
    for c in sdoc._.dyads_commitments or ():
        lines.append(f"  {json.dumps(_plain(c), ensure_ascii=False, default=str)[:200]}")
    if sdoc._.dyads_reviews is not None:
        lines += _reviews(sdoc._.dyads_reviews)
    return lines


def _reviews(reviews: dict[int, list[Any]]) -> list[str]:
    """Each rule record beside the learned layer's reading of it (``dyads_review``)."""
    lines = ["rules and model (doc._.dyads_reviews):"]
    for index in sorted(reviews):
        for r in reviews[index]:
            ev = r.rule_event
            model = (f"model {r.verdict.label} p={r.verdict.score:.2f}" if r.verdict
                     else "model -")
            rule = ev.evidence.rule if ev.evidence else "-"
            lines.append(f"  {index}: {ev.event} {ev.cameo} rule={rule} | {model} -> {r.action}")
    return lines


def _date(date: Any) -> str:
    return f"{date.date.isoformat()}/{date.precision}/{date.source}"


def _who(ents: Any) -> str:
    return ",".join(e.code for e in ents if isinstance(e, Entity)) or "-"


def _plain(record: Any) -> Any:
    to_json = getattr(record, "to_json", None)
    return to_json() if callable(to_json) else str(record)
