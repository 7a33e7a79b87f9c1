"""Run a trained event classifier: ONNX through onnxruntime, the tokenizer through
``tokenizers``. No torch at run time.

A model directory (what ``dyads train`` writes; the shipped one is ``dyads/learned/data``)::

    model.onnx       the classifier (int8 when quantised), inputs input_ids, attention_mask,
                     token_type_ids; output logits [batch, len(labels)]
    tokenizer.json   the tokenizer of the base model
    model.json       {"labels": [...], "max_length": 128, "base": ..., "figures": {...}}

``labels`` are PLOVER types and ``NONE`` (no event).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyads.errors import DyadsError

if TYPE_CHECKING:
    import numpy as np

NONE = "NONE"
FILES = ("model.onnx", "tokenizer.json", "model.json")
BATCH = 1
"""Inputs per onnxruntime run: one. The int8 model quantises its activations per run (dynamic
quantisation), so the other inputs of a batch, and the padding they bring, move a record's
probabilities by up to 0.02 (measured): one at a time, a record's reading depends on that
record alone, wherever and with whatever it is coded. It is also cheaper on one thread, as
nothing is padded: 600 annotated records took 4.1 CPU s one at a time, 5.1 s in batches of 32."""


class ModelFileError(DyadsError):
    hint = ("pass the directory that `dyads train -o DIR` wrote, or use --coder rules; "
            "reinstall dyads if the shipped model is missing")


def shipped_model_dir() -> Path:
    """The directory of the model that ships inside the package."""
    return Path(str(resources.files("dyads.learned") / "data"))


@dataclass(frozen=True)
class Verdict:
    """The model's reading of one record: its most likely label and that label's
    probability, with the probability of every label."""

    label: str
    score: float
    probs: tuple[float, ...]

    def prob(self, labels: Sequence[str], label: str) -> float:
        return self.probs[labels.index(label)] if label in labels else 0.0


class EventClassifier:
    """A loaded classifier. Build one per process (it holds an onnxruntime session) and
    reuse it; :meth:`classify` takes a batch."""

    def __init__(self, model_dir: str | Path | None = None, *, threads: int = 1,
                 batch_size: int = BATCH) -> None:
        self.model_dir = Path(model_dir) if model_dir else shipped_model_dir()
        missing = [f for f in FILES if not (self.model_dir / f).is_file()]
        if missing:
            raise ModelFileError(f"{self.model_dir}: no {', '.join(missing)}")
        try:
            self.meta: dict[str, Any] = json.loads(
                (self.model_dir / "model.json").read_text(encoding="utf-8"))
            self.labels: tuple[str, ...] = tuple(self.meta["labels"])
        except (ValueError, KeyError) as exc:
            raise ModelFileError(f"{self.model_dir / 'model.json'}: {exc}") from exc
        self.max_length = int(self.meta.get("max_length", 128))
        self.batch_size = batch_size
        self._threads = threads
        self._session: Any = None
        self._tokenizer: Any = None

    def _load(self) -> tuple[Any, Any]:
        if self._session is None:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            opts = ort.SessionOptions()
            opts.intra_op_num_threads = self._threads
            opts.inter_op_num_threads = 1
            self._session = ort.InferenceSession(str(self.model_dir / "model.onnx"), opts,
                                                 providers=["CPUExecutionProvider"])
            tok = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
            tok.enable_truncation(max_length=self.max_length)
            tok.enable_padding(pad_id=int(self.meta.get("pad_id", 0)),
                               pad_token=str(self.meta.get("pad_token", "[PAD]")))
            self._tokenizer = tok
        return self._session, self._tokenizer

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.update(_session=None, _tokenizer=None)
        return state

    def classify(self, inputs: Sequence[tuple[str, str] | str]) -> list[Verdict]:
        """One verdict per input: a text, or a (text, second segment) pair. Inputs of
        similar length share a batch (less padding to compute)."""
        order = sorted(range(len(inputs)), key=lambda i: len(_text(inputs[i])))
        out: list[Verdict | None] = [None] * len(inputs)
        for i in range(0, len(order), self.batch_size):
            chunk = order[i:i + self.batch_size]
            for k, verdict in zip(chunk, self._batch([inputs[k] for k in chunk]), strict=True):
                out[k] = verdict
        return [v for v in out if v is not None]

    def _batch(self, inputs: Sequence[tuple[str, str] | str]) -> list[Verdict]:
        import numpy as np

        if not inputs:
            return []
        session, tok = self._load()
        encodings = tok.encode_batch(list(inputs))
        feed = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        names = {i.name for i in session.get_inputs()}
        logits = session.run(None, {k: v for k, v in feed.items() if k in names})[0]
        return [self._verdict(row) for row in _softmax(logits)]

    def _verdict(self, probs: np.ndarray) -> Verdict:
        best = int(probs.argmax())
        return Verdict(self.labels[best], float(probs[best]), tuple(float(p) for p in probs))


def _text(item: tuple[str, str] | str) -> str:
    return item[0] if isinstance(item, tuple) else item


def _softmax(logits: np.ndarray) -> np.ndarray:
    import numpy as np

    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))
