"""The learned layer: a small fine-tuned transformer reviews the rule coder's records.

The rules find candidates, actors, recipients, dates and evidence; for each candidate record
the model reads its sentence with the trigger, source and recipient marked
(:mod:`dyads.learned.marking`) and returns a PLOVER type or ``NONE`` (no event: a goal, a
hypothesis, history, a plain statement) with a probability (:mod:`dyads.learned.model`,
ONNX through onnxruntime, no torch). :mod:`dyads.learned.review` then drops the records the
model judges not to be events and retypes those it is sure of; every record keeps its rule
and gains the model's type and score in its evidence.

:mod:`dyads.learned.data` reads annotations for training; :mod:`dyads.learned.train`
(``dyads train``, the ``train`` extra: torch and transformers) fine-tunes and exports a model.
Nothing here is loaded at import.
"""
