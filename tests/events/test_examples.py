"""Every codebook trigger's own ``example:`` codes as that trigger (model-backed).

The whole codebook in one ``nlp.pipe`` run: a record must come from the trigger's rule with
its CAMEO code, or with the code the modality rules give it (its intention or refusal code).
"""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.model

# Examples the codebook cannot make come out yet, because of the coder rather than the data
# (events/coder.py, arguments.py, modality.py), each with the reason. Remove an entry when the
# coder is fixed: the test fails on an entry that passes, so the list cannot go stale.
KNOWN_FAILURES: dict[str, str] = {
}


@pytest.fixture(scope="module")
def results(coder) -> dict[str, list[tuple[str, str]]]:  # noqa: ANN001
    from dyads.models import Document
    from dyads.pipeline import Coder
    from dyads.settings import Settings

    full = Coder(Settings(statements=True))
    docs = [Document(id=t.id, text=t.example, published=dt.date(2024, 3, 5))
            for t in full.codebook.triggers if t.example]
    out: dict[str, list[tuple[str, str]]] = {}
    for res in full.code_documents(docs):
        assert not hasattr(res, "error"), res
        out[res.doc_id] = [(ev.evidence.rule.split("+")[0] if ev.evidence else "", ev.cameo)
                           for ev in res.events]
    return out


def _fails(coder, results) -> dict[str, list[tuple[str, str]]]:  # noqa: ANN001
    book = coder.codebook
    bad = {}
    for t in book.triggers:
        entry = book.code(t.cameo)
        codes = {t.cameo, entry.intent, entry.negated} - {None}
        got = results[t.id]
        if not any(rule == t.id and cameo in codes for rule, cameo in got):
            bad[t.id] = got
    return bad


def test_every_trigger_has_an_example(coder) -> None:  # noqa: ANN001
    assert [t.id for t in coder.codebook.triggers if not t.example] == []


def test_every_example_codes_as_its_own_trigger(coder, results) -> None:  # noqa: ANN001
    bad = _fails(coder, results)
    unexpected = {rule: got for rule, got in bad.items() if rule not in KNOWN_FAILURES}
    example = {t.id: t.example for t in coder.codebook.triggers}
    lines = [f"{rule}: {example[rule]!r} -> {got}" for rule, got in unexpected.items()]
    assert not unexpected, "\n".join(lines)


def test_known_failures_still_fail(coder, results) -> None:  # noqa: ANN001
    bad = _fails(coder, results)
    ids = {t.id for t in coder.codebook.triggers}
    assert set(KNOWN_FAILURES) <= ids, set(KNOWN_FAILURES) - ids
    fixed = sorted(set(KNOWN_FAILURES) - set(bad))
    assert fixed == [], f"these now code right; remove them from KNOWN_FAILURES: {fixed}"
