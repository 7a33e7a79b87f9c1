"""The spaCy stage: load the model with only the components dyads needs.

Sentence boundaries are fixed at line breaks before the parser runs (headlines, datelines and
paragraphs never share a sentence); the parser then splits the rest. Abbreviated titles before
names ("the Hon. Julie Bishop", "Lt. Gen. ...") are single tokens, so their full stop ends no
sentence; a dash after an abbreviation splits it from the next name ("U.S.-China" is "U.S.",
"-", "China"), as spaCy already splits "Japan-Australia".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from dyads.errors import ModelNotInstalled

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

COMPONENT = "dyads_line_breaks"
# Titles abbreviated before a name that spaCy's English exceptions lack ("Mr.", "Dr.", "Gen.",
# "Sen." are there). Only forms that never end a sentence: not "Min." or "Sec." (minutes,
# seconds). tests/test_nlp.py checks that "the Hon. Julie Bishop" stays one sentence.
TITLE_ABBREVIATIONS = ("Hon.", "Rt.", "Amb.", "Lt.", "Col.", "Maj.", "Capt.", "Sgt.", "Cdr.",
                       "Brig.", "Msgr.", "Smt.", "Pres.", "Excy.")


def line_breaks(doc: Doc) -> Doc:
    """Mark a sentence start after every token that holds or ends with a newline."""
    from spacy.attrs import ORTH

    strings = doc.vocab.strings
    orths = doc.to_array([ORTH]).tolist()[:-1]  # a token's trailing whitespace is " " or ""
    breaks = {h for h in set(orths) if "\n" in strings[h]}
    for i, orth in enumerate(orths):
        if orth in breaks:
            doc[i + 1].is_sent_start = True
    return doc


def load(model: str) -> Language:
    """Load ``model`` with the components dyads uses and the line-break rule."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory(COMPONENT):
        Language.component(COMPONENT)(line_breaks)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(f"the spaCy model {model!r} is not installed") from exc
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
    add_abbreviations(nlp)
    split_abbreviation_dashes(nlp)
    return nlp


# A dash between an abbreviation's last full stop and a capital: "U.S.-China", "U.S.–ROK".
ABBREVIATION_DASH = r"(?<=[A-Z]\.)[-\u2013\u2014](?=[A-Z])"


def split_abbreviation_dashes(nlp: Language) -> None:
    """Add :data:`ABBREVIATION_DASH` to the tokenizer's infixes (spaCy's English ones)."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    if isinstance(nlp.tokenizer, Tokenizer):
        infixes = [*(nlp.Defaults.infixes or ()), ABBREVIATION_DASH]
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def add_abbreviations(nlp: Language) -> None:
    """Make each of :data:`TITLE_ABBREVIATIONS` one token."""
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):  # a custom tokenizer keeps its own rules
        return
    for abbr in TITLE_ABBREVIATIONS:
        tokenizer.add_special_case(abbr, [{ORTH: abbr}])


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("dyads_text")
    if text is None:
        text = doc.user_data["dyads_text"] = doc.text
    return str(text)


class Words(NamedTuple):
    """Per token of a parsed Doc: its lower-case form, lower-case lemma and punctuation flag."""

    lower: list[str]
    lemma: list[str]
    punct: list[bool]


def words(doc: Doc) -> Words:
    """The :class:`Words` of a parsed ``doc``, listed once per document, so a stage that tests
    many words makes no ``Token`` for each test (call it only after the lemmatizer)."""
    found = doc.user_data.get("dyads_words")
    if found is None:
        from spacy.attrs import IS_PUNCT, LEMMA, LOWER

        strings = doc.vocab.strings
        lowers, lemmas, puncts = doc.to_array([LOWER, LEMMA, IS_PUNCT]).T.tolist()
        lower_of = {h: strings[h] for h in set(lowers)}  # each string looked up once
        lemma_of = {h: strings[h].lower() for h in set(lemmas)}
        found = doc.user_data["dyads_words"] = Words(
            [lower_of[h] for h in lowers], [lemma_of[h] for h in lemmas],
            [bool(p) for p in puncts])
    assert isinstance(found, Words)
    return found


def span_text(span: Span) -> str:
    """``span.text``, cut from :func:`doc_text`: spaCy joins the span's tokens on each access."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def sentences(doc: Doc) -> list[tuple[int, Span, str]]:
    """``(index, sentence, text)`` of every sentence of ``doc`` that is not blank, listed once
    per document; ``index`` counts every sentence (it is the sentence number of the records)."""
    found = doc.user_data.get("dyads_sentences")
    if found is None:
        text = doc_text(doc)
        found = doc.user_data["dyads_sentences"] = [
            (index, sent, text[sent.start_char:sent.end_char])
            for index, sent in enumerate(doc.sents)
            if text[sent.start_char:sent.end_char].strip()]
    return list(found)


def subtree(doc: Doc, i: int) -> tuple[int, ...]:
    """The indices of ``doc[i].subtree`` in spaCy's order (each left child's subtree, the
    token, each right child's subtree), read from the heads listed once per document and kept
    per token, so no ``Token`` is made for the words of a subtree."""
    cache: dict[int, tuple[int, ...]] | None = doc.user_data.get("dyads_subtrees")
    if cache is None:
        cache = doc.user_data["dyads_subtrees"] = {}
    found = cache.get(i)
    if found is None:
        kids = _children(doc)
        out: list[int] = []
        stack = [(i, True)]
        while stack:
            j, expand = stack.pop()
            if not expand:
                out.append(j)
                continue
            below = kids[j]  # ascending: pushed in reverse, right children first
            stack.extend((c, True) for c in reversed(below) if c > j)
            stack.append((j, False))
            stack.extend((c, True) for c in reversed(below) if c < j)
        found = cache[i] = tuple(out)
    return found


def _children(doc: Doc) -> list[list[int]]:
    """The indices of each token's children, ascending, listed once per parsed document."""
    found = doc.user_data.get("dyads_children")
    if found is None:
        from spacy.attrs import HEAD

        offsets = doc.to_array([HEAD]).astype("int64").ravel().tolist()  # relative heads
        found = doc.user_data["dyads_children"] = [[] for _ in offsets]
        for j, offset in enumerate(offsets):
            if offset:
                found[j + offset].append(j)
    assert isinstance(found, list)
    return found
