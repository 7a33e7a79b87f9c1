"""`dyads explain`: the parse, actors, rule and records of a sentence, as text."""

from __future__ import annotations

import datetime as dt
import json

from dyads.actors.recognize import SPAN_KEY
from dyads.models import Document, Failure
from dyads.normalize import normalize
from dyads.pipeline import Coder


def explain(coder: Coder, text: str, published: dt.date | None = None) -> str:
    recognizer, _ = coder._parts()
    sdoc = recognizer(coder.nlp(normalize(text)))
    lines = ["parse:"]
    for tok in sdoc:
        if tok.is_space:
            continue
        lines.append(f"  {tok.i:>3} {tok.text:<16} {tok.lemma_:<14} {tok.pos_:<6} "
                     f"{tok.dep_:<10} -> {tok.head.i}")
    lines.append("knowledge-base mentions:")
    for span in sdoc.spans[SPAN_KEY]:
        lines.append(f"  {span.text!r}: {span.label_} {span.kb_id_}")
    lines.append("records:")
    for result in coder.code_documents([Document("explain", text, published=published)]):
        if isinstance(result, Failure):
            lines.append(f"  failed: {result.error}")
            continue
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
