"""Checks of coded events against gold standards (docs/evaluation.md describes the formats).

    records    what is read of a coded record (Prediction, read_predictions) and how codes,
               types and modes are compared
    gold       gold sets (load_gold) and the registry of tasks
    readout, sentence, penta, expect, event
               one module per gold task: its gold record, ``parse`` and ``score``
    report     Report, TaskReport, misses and their causes, format_report
    run        code_gold, evaluate, and run: the `dyads evaluate` entry point

The tasks and their figures follow the definitions of the project's reference scorer
(../shared/eval/score.py), so both give the same numbers on the same output. Figures are
rounded to four decimals, as there.
"""
