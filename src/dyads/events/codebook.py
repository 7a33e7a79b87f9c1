"""The event codebook: CAMEO codes and the triggers that express them, loaded from data.

``dyads/events/data/cameo.yaml`` maps every CAMEO code to its name, Goldstein score and PLOVER
event, mode and context (with the codes for the *intention* to act and for a *refusal*).
``dyads/events/data/codebook/`` holds the triggers, one file per PLOVER type (``consult.yaml``
…, and ``statement.yaml`` for CAMEO 01): lemma patterns such as ``hold * talk`` ("*" = a gap of
up to ``MAX_GAP`` tokens, else words may be up to ``NEAR_GAP`` tokens apart; "a|b" =
alternatives), each mapped to a CAMEO code, with where to find the recipient and whether the
event holds both ways. A trigger lives in the file of its code's PLOVER type.

Triggers are compiled into an index on their first token, so finding the triggers of a
sentence costs one dictionary lookup per token whatever the size of the codebook. Which of
several matching triggers wins does not depend on the order of the files (see ``rank``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from dyads.datafiles import file_name, read_yaml, validate
from dyads.errors import DataFileError

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE",
                "COERCE", "ASSAULT")
# PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
# 4 material conflict.
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2,
        "RETREAT": 2, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
        "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
_POS = {"VERB": {"VERB", "AUX"}, "NOUN": {"NOUN", "PROPN"}, "ADJ": {"ADJ", "VERB"}}
# The pattern syntax, stated in every codebook file's header (tests/events/test_codebook.py
# checks that the header and these numbers agree).
MAX_GAP = 4  # "*": a gap of up to four tokens ("held * talks": "held two days of talks")
NEAR_GAP = 2  # words next to each other in a pattern may be two tokens apart ("spoke today with")
STATEMENT = "statement"  # the file of CAMEO 01 triggers, which have no PLOVER type


class CameoCode(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    goldstein: float
    event: str | None = None
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    intent: str | None = None
    negated: str | None = None

    @field_validator("event")
    @classmethod
    def _plover(cls, v: str | None) -> str | None:
        if v is not None and v not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER event {v!r}; use one of {', '.join(PLOVER_TYPES)}")
        return v


class Trigger(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    cameo: str
    pattern: str
    pos: str = "VERB"
    recipient: list[str] = Field(default_factory=lambda: ["dobj"])
    mode: str | None = None
    symmetric: bool = False
    # dependency labels that must not occur under the first word: "call on" with
    # without: [xcomp] is a visit ("called on the Prime Minister"), not a request ("called
    # on Russia to withdraw")
    without: list[str] = Field(default_factory=list)
    example: str | None = None
    note: str | None = None

    @field_validator("pos")
    @classmethod
    def _pos(cls, v: str) -> str:
        v = v.upper()
        if v not in {"VERB", "NOUN", "ADJ", "ANY"}:
            raise ValueError("pos must be VERB, NOUN, ADJ or ANY")
        return v

    @field_validator("pattern")
    @classmethod
    def _pattern(cls, v: str) -> str:
        if not v.strip() or v.strip().startswith("*") or v.strip().endswith("*"):
            raise ValueError(f"pattern {v!r} must start and end with a word")
        if v != v.lower():
            raise ValueError(f"pattern {v!r} must be lower-case lemmas")
        return v


@dataclass(frozen=True)
class Compiled:
    """A trigger ready for matching: alternatives per step, and the gap allowed before it."""

    trigger: Trigger
    steps: tuple[tuple[frozenset[str], int], ...]
    pos: frozenset[str] | None

    @property
    def size(self) -> int:
        return len(self.steps)


class Codebook:
    """CAMEO codes and compiled triggers."""

    def __init__(self, codes: dict[str, CameoCode], triggers: list[Trigger]) -> None:
        self.codes = codes
        self.triggers = triggers
        self.index: dict[str, list[Compiled]] = defaultdict(list)
        for trig in triggers:
            if trig.cameo not in codes:
                raise DataFileError(f"codebook: trigger {trig.id!r}: unknown CAMEO code "
                                    f"{trig.cameo!r}; use one listed in cameo.yaml")
            comp = compile_trigger(trig)
            for word in comp.steps[0][0]:
                self.index[word].append(comp)
        for entries in self.index.values():
            entries.sort(key=rank)
        self._starting: dict[tuple[str, str], list[Compiled]] = {}

    def starting(self, lemma: str, lower: str) -> list[Compiled]:
        """The triggers that can start at a word with this lower-case lemma and form, in
        ``rank`` order (those of the lemma first where two rank alike); made once per pair of
        forms and kept (do not change the list)."""
        found = self._starting.get((lemma, lower))
        if found is None:
            found = list(self.index.get(lemma, ()))
            if lower != lemma:
                found += self.index.get(lower, ())
                found.sort(key=rank)
            self._starting[lemma, lower] = found
        return found

    @classmethod
    def load(cls, cameo_path: Path | None = None, triggers_path: Path | None = None) -> Codebook:
        """The packaged codebook, or the given files. ``triggers_path`` is a folder of trigger
        files (each named after the PLOVER type of its triggers) or one file with them all."""
        root = resources.files("dyads.events") / "data"
        codes_raw = read_yaml(cameo_path or root / "cameo.yaml")
        codes: dict[str, CameoCode] = {}
        for code, entry in (codes_raw or {}).items():
            codes[str(code)] = validate(CameoCode, entry, f"cameo.yaml: {code}")
        path: Any = triggers_path or root / "codebook"
        files = sorted((f for f in path.iterdir() if f.name.endswith(".yaml")),
                       key=lambda f: f.name) if path.is_dir() else [path]
        if not files:
            raise DataFileError(f"{file_name(path)}: no trigger files (*.yaml) in this folder")
        triggers: list[Trigger] = []
        seen: dict[str, str] = {}
        for f in files:
            items = (read_yaml(f) or {}).get("triggers") or []
            for i, raw in enumerate(items):
                t = validate(Trigger, raw, f"{f.name}: trigger {i + 1}")
                if t.id in seen:
                    raise DataFileError(f"{f.name}: duplicate trigger id {t.id!r} (also in "
                                        f"{seen[t.id]}); give one of them another id")
                seen[t.id] = f.name
                triggers.append(t)
        book = cls(codes, triggers)
        if path.is_dir():
            for t in triggers:
                role = (book.plover(t.cameo) or STATEMENT).lower()
                if seen[t.id] != f"{role}.yaml":
                    raise DataFileError(f"{seen[t.id]}: trigger {t.id!r} codes {t.cameo}, a "
                                        f"{role} code; move it to {role}.yaml")
        return book

    def code(self, cameo: str) -> CameoCode:
        return self.codes[cameo]

    def plover(self, cameo: str) -> str | None:
        """The PLOVER type of a code, falling back to its parents ("0331" → "033" → "03")."""
        for n in range(len(cameo), 1, -1):
            entry = self.codes.get(cameo[:n])
            if entry is not None and entry.event:
                return entry.event
        return None


def specificity(cameo: str) -> int:
    """How specific a CAMEO code is: its digits without the trailing zeros that mark a
    "not specified below" code ("020" 2, "021" 3, "0241" 4)."""
    return len(cameo.rstrip("0"))


def rank(comp: Compiled) -> tuple[int, int, str]:
    """The order in which triggers are tried at one anchor, best first: the longest pattern,
    then the most specific code ("0331" before "033" before "030"), then the rule id, so that
    the result never depends on the order of the files."""
    return (-comp.size, -specificity(comp.trigger.cameo), comp.trigger.id)


def compile_trigger(trig: Trigger) -> Compiled:
    steps: list[tuple[frozenset[str], int]] = []
    gap = NEAR_GAP
    for part in trig.pattern.split():
        if part == "*":
            gap = MAX_GAP
            continue
        steps.append((frozenset(part.split("|")), gap))
        gap = NEAR_GAP
    pos = None if trig.pos == "ANY" else frozenset(_POS[trig.pos])
    return Compiled(trig, tuple(steps), pos)
