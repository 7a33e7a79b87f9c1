"""Headlines in title case, parsed as the sentences they are.

State media and government sites print headlines with every word capitalised ("Xi Jinping
Holds Telephone Talks at Request with General Secretary ... Nguyen Phu Trong", "Readout of
President Biden's Call with Prime Minister Trudeau of Canada"). The statistical model reads
each capitalised word as a proper noun and the parse is a chain of compounds: no verb, no
trigger, no event. The ``dyads_headlines`` component finds such lines and parses a re-cased
copy of each ("Xi Jinping holds telephone talks at request with General Secretary ...") token
for token, then writes that copy's tags, lemmas, dependencies and entities onto the line's
tokens. The text, the tokens and every offset stay those of the original, so evidence spans
and quotes are the headline as printed.

A word keeps its capital when it is the line's first word, part of a knowledge-base mention
(people, countries, titles, organisations), written in capitals (an acronym), or not an English
word the lemmatizer knows (a name the knowledge base lacks: "Matteo Zuppi"); every other
capitalised word is lowered ("Holds", "Talks", "Call", "With").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from dyads.actors.mentions import SPAN_KEY
from dyads.nlp import doc_text

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

COMPONENT = "dyads_headlines"
# A title-case line has at least this many content words (not stop words): "Home > News &
# Events" has three and is one; "Joe Biden" (a byline, two) is not recased.
MIN_CONTENT_WORDS = 3
# ... and at least this share of them capitalised: "NA Chairwoman meets Chinese Party chief Xi
# Jinping" (5 of 7) is a sentence-case headline the model parses as it is.
MIN_CAPITALISED = 0.85
# A headline is short; a longer line is body text that happens to hold many names.
MAX_TOKENS = 60
# The statistical components that run on the re-cased copy (the name guard first: "To Lam").
_REPARSE = ("dyads_names", "tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer",
            "ner")
_END = {".", "!", "?", ";", ":"}
# A list item is a name, an organisation or a line of a list, not a headline.
_BULLETS = {"-", "*", "\u2022", "\u00b7", "+", ">"}


def lines(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of the lines of ``doc`` without their space tokens.

    A line ends at each token whose text or trailing whitespace holds a newline: the token
    whose stretch of text (``[idx, next token's idx)``) holds a newline character. Read from
    the Doc's arrays and text, so no ``Token`` is made."""
    from bisect import bisect_right

    from spacy.attrs import IDX, IS_SPACE

    if not len(doc):
        return []
    rows = doc.to_array([IDX, IS_SPACE]).tolist()
    starts = [idx for idx, _ in rows]
    space = [bool(flag) for _, flag in rows]
    text = doc_text(doc)
    ends: list[int] = []
    at = text.find("\n", starts[0])
    while at != -1:
        tok = bisect_right(starts, at) - 1  # the token whose stretch holds the newline
        ends.append(tok + 1)
        at = text.find("\n", starts[tok + 1]) if tok + 1 < len(starts) else -1
    out = []
    start = 0
    for end in ends:
        out.append((start, end))
        start = end
    out.append((start, len(doc)))
    trimmed = []
    for s, e in out:
        while s < e and space[s]:
            s += 1
        while e > s and space[e - 1]:
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def is_title_case(tokens: Iterable[Token], stop_words: Iterable[str]) -> bool:
    """Whether a line is a title-case headline: most of its content words capitalised, at
    least one of them not all capitals, no final full stop, and short."""
    toks = list(tokens)
    if not toks or len(toks) > MAX_TOKENS or toks[-1].text in _END \
            or toks[0].text in _BULLETS or toks[0].like_num:
        return False
    stop = set(stop_words)
    content = [t for t in toks if t.is_alpha and t.lower_ not in stop]
    if len(content) < MIN_CONTENT_WORDS:
        return False
    capitalised = [t for t in content if t.text[0].isupper()]
    if not any(t.is_title for t in capitalised):
        return False  # ALL CAPS: acronyms and words cannot be told apart
    return len(capitalised) >= MIN_CAPITALISED * len(content)


def _may_be_title(doc: Doc, start: int, end: int) -> bool:
    """The tests of :func:`is_title_case` that need no more than the line's first and last
    token: most lines are paragraphs ending in a full stop, rejected without listing them."""
    return end - start <= MAX_TOKENS and doc[end - 1].text not in _END \
        and doc[start].text not in _BULLETS


def recased(tokens: list[Token], keep: set[int], known: Callable[[str], bool]) -> list[str]:
    """The words of a title-case line as a sentence would write them (see the module doc)."""
    words = []
    for n, tok in enumerate(tokens):
        text = tok.text
        lowered = text[:1].lower() + text[1:]
        if n == 0 or tok.i in keep or not text[:1].isupper() or len(lowered) != len(text) \
                or tok.is_upper or not tok.is_alpha or not known(text.lower()):
            words.append(text)
        else:
            words.append(lowered)
    return words


class EnglishWords:
    """Whether a lower-case word is an English word, from the rule lemmatizer's own tables
    (its index of lemmas per part of speech, its exceptions and suffix rules): "holds" is
    "hold", "talks" is "talk"; "zuppi" is no word. Without those tables every word is one."""

    def __init__(self, nlp: Language) -> None:
        self.index: dict[str, frozenset[str]] = {}
        self.rules: dict[str, list[tuple[str, str]]] = {}
        self.exceptions: dict[str, frozenset[str]] = {}
        self.stop_words: frozenset[str] = frozenset(nlp.Defaults.stop_words or ())
        if "lemmatizer" not in nlp.pipe_names:
            return
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is None or not lookups.has_table("lemma_index"):
            return
        index, rules = lookups.get_table("lemma_index"), lookups.get_table("lemma_rules", {})
        exc = lookups.get_table("lemma_exc", {})
        for pos in ("noun", "verb", "adj", "adv"):
            self.index[pos] = frozenset(index.get(pos, ()))
            self.rules[pos] = [(old, new) for old, new in rules.get(pos, ())]
            self.exceptions[pos] = frozenset(exc.get(pos, {}))

    def __call__(self, word: str) -> bool:
        if not self.index:
            return True
        if word in self.stop_words:
            return True
        for pos, lemmas in self.index.items():
            if word in lemmas or word in self.exceptions[pos]:
                return True
            for old, new in self.rules[pos]:
                if word.endswith(old) and word[:len(word) - len(old)] + new in lemmas:
                    return True
        return False


class Headlines:
    """``dyads_headlines``: re-parse title-case lines (after ``dyads_kb``, whose mentions
    keep their capitals; before every stage that reads the parse)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.known = EnglishWords(nlp)
        self.stop_words = frozenset(nlp.Defaults.stop_words or ())

    def __call__(self, doc: Doc) -> Doc:
        found = [(s, e) for s, e in lines(doc)
                 if _may_be_title(doc, s, e) and is_title_case(doc[s:e], self.stop_words)]
        if found:
            keep = {i for span in doc.spans.get(SPAN_KEY, []) for i in range(span.start,
                                                                            span.end)}
            copies = self._parse([(recased(list(doc[s:e]), keep, self.known),
                                   [bool(t.whitespace_) for t in doc[s:e]]) for s, e in found])
            write_parses(doc, [(s, copy) for (s, _), copy in zip(found, copies, strict=True)])
        return doc

    def _parse(self, lines: list[tuple[list[str], list[bool]]]) -> list[Doc]:
        """Parse the re-cased ``(words, spaces)`` of a document's title-case lines, each as
        one sentence of its own, in one batch per component: one call of each statistical
        layer per document, not per line. The lines of one document are always parsed
        together, so a document's parse does not depend on the documents around it; on the
        512 title-case lines of the corpus and gold sets the batch gives the parse each line
        gets alone (docs/performance.md, session 6)."""
        from spacy.tokens import Doc

        copies = [Doc(self.nlp.vocab, words=words, spaces=spaces,
                      sent_starts=[i == 0 for i in range(len(words))])
                  for words, spaces in lines]
        for name in _REPARSE:
            if name in self.nlp.pipe_names:
                proc = self.nlp.get_pipe(name)
                pipe = getattr(proc, "pipe", None)
                copies = list(pipe(copies)) if pipe is not None else [proc(c) for c in copies]
        return copies


def write_parses(doc: Doc, parses: list[tuple[int, Doc]]) -> None:
    """Write each ``(start, parsed copy)``'s tags, lemmas, dependencies and entities onto the
    tokens of ``doc`` from ``start`` on (the copy has the same tokens)."""
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
    from spacy.tokens import Span

    attrs = [TAG, POS, MORPH, LEMMA, HEAD, DEP]
    array: Any = doc.to_array(attrs)
    ents: list[Span] = list(doc.ents)
    for start, copy in parses:
        end = start + len(copy)
        array[start:end] = copy.to_array(attrs)
        ents = [e for e in ents if e.end <= start or e.start >= end]
        ents += [Span(doc, start + e.start, start + e.end, label=e.label_) for e in copy.ents]
    doc.from_array(attrs, array)
    doc.ents = sorted(ents, key=lambda e: e.start)
    for key in ("dyads_sentences", "dyads_persons", "dyads_words", "dyads_subtrees",
                "dyads_children"):  # lists built from the old parse
        doc.user_data.pop(key, None)

