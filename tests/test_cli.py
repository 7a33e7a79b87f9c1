"""The command line: coding with bad inputs, explain, kb commands (model-backed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyads.cli import EXIT_PARTIAL, app

pytestmark = pytest.mark.model
runner = CliRunner()

GOOD = "President Xi Jinping held talks with General Secretary Nguyen Phu Trong on Sunday.\n"


def _bad_corpus(root: Path) -> Path:
    """One good document beside every kind of bad input."""
    root.mkdir()
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (root / "latin1.txt").write_bytes("Caf\xe9 talks in Hanoi".encode("latin-1"))
    (root / "script.html").write_text("<html><script>var x = 1;</script></html>")
    (root / "table.csv").write_text("a,b\n1,2\n")
    (root / "records.jsonl").write_text(
        json.dumps({"id": "rec-ok", "text": GOOD, "published": "2017-11-12"}) + "\n"
        + "{not json\n" + json.dumps({"id": "rec-notext"}) + "\n", encoding="utf-8")
    return root


def test_bad_inputs_do_not_stop_the_run(tmp_path: Path) -> None:
    corpus = _bad_corpus(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", str(corpus), "-o", str(out)])
    assert result.exit_code == EXIT_PARTIAL, result.output
    docs = {json.loads(line)["doc_id"] for line in out.read_text().splitlines()}
    assert docs == {"good", "rec-ok"}  # every valid document coded
    errors = [json.loads(x) for x in Path(str(out) + ".errors.jsonl").read_text().splitlines()]
    sources = " ".join(e["error"] for e in errors)
    for name in ("empty.txt", "binary.txt", "latin1.txt", "script.html", "table.csv",
                 "records.jsonl:2", "records.jsonl:3"):
        assert name in sources, name
    assert all(e["hint"] for e in errors)


def test_clean_run_exits_zero_and_writes_no_error_file(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().strip()
    assert not Path(str(out) + ".errors.jsonl").exists()


def test_explain_names_the_rule() -> None:
    result = runner.invoke(app, ["explain", "Japan pledged aid to Ukraine.",
                                 "--date", "2024-03-05"])
    assert result.exit_code == 0
    assert "rule=" in result.output and "JPN" in result.output


def test_kb_validate() -> None:
    result = runner.invoke(app, ["kb", "validate"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("ok")


@pytest.mark.parametrize(("date", "name"), [("2017-11-12", "Tran Dai Quang"),
                                            ("2019-05-01", "Nguyen Phu Trong")])
def test_kb_lookup_by_date(date: str, name: str) -> None:
    result = runner.invoke(app, ["kb", "lookup", name, "--date", date])
    assert result.exit_code == 0
    hit = json.loads(result.output.splitlines()[0])
    assert hit["on_date"]["code"] == "VNM"


def test_kb_import_cameo(tmp_path: Path) -> None:
    src = tmp_path / "mine.actors.txt"
    src.write_text("NUHU_RIBADU_\n\t[NGAGOV >20230619]\n", encoding="utf-8")
    out = tmp_path / "people.yaml"
    result = runner.invoke(app, ["kb", "import-cameo", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    coded = tmp_path / "events.jsonl"
    text = tmp_path / "t.txt"
    text.write_text("Nuhu Ribadu met the British ambassador in Abuja on Monday.\n")
    result = runner.invoke(app, ["code", str(text), "-o", str(coded), "--kb", str(out)])
    assert result.exit_code == 0, result.output
    assert coded.read_text().strip(), result.output
    rec = json.loads(coded.read_text().splitlines()[0])
    assert rec["actor"][0]["code"] == "NGA"


# --------------------------------------------------------------------------- issue 15


SAMPLES = Path(__file__).resolve().parents[1] / "src" / "dyads" / "samples"


def _records(path: Path) -> list[str]:
    return sorted(path.read_text(encoding="utf-8").splitlines())


def test_duplicate_ids_get_distinct_event_ids(tmp_path: Path) -> None:
    for sub, text in (("a", GOOD), ("b", GOOD.replace("Sunday", "Monday, in Hanoi"))):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "talks.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", str(tmp_path / "in"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["doc_id"] for r in records} == {"talks", "talks~2"}
    assert len({r["id"] for r in records}) == len(records)
    assert "is already used by" in result.output  # the warning names both sources


def test_resume_codes_exactly_what_is_new_changed_or_removed(tmp_path: Path) -> None:
    inputs, out, clean = tmp_path / "in", tmp_path / "out.jsonl", tmp_path / "clean.jsonl"
    inputs.mkdir()
    texts = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md")
                   and p.stem != "README")[:4]
    for path in texts[1:]:
        (inputs / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert runner.invoke(app, ["code", str(inputs), "-o", str(out)]).exit_code == 0
    (inputs / texts[0].name).write_text(texts[0].read_text(encoding="utf-8"), encoding="utf-8")
    added = runner.invoke(app, ["code", str(inputs), "-o", str(out), "--resume"])
    assert "resumed: 1 new, 3 unchanged, 0 changed, 0 removed" in added.output, added.output
    changed = inputs / texts[2].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nXi met Putin in Moscow.\n",
                       encoding="utf-8")
    (inputs / texts[1].name).unlink()
    again = runner.invoke(app, ["code", str(inputs), "-o", str(out), "--resume"])
    assert "resumed: 0 new, 2 unchanged, 1 changed, 1 removed" in again.output, again.output
    assert runner.invoke(app, ["code", str(inputs), "-o", str(clean)]).exit_code == 0
    assert _records(out) == _records(clean)
    assert runner.invoke(app, ["code", "-", "--resume"]).exit_code == 2


def test_max_chars_is_an_option_and_long_documents_are_coded(tmp_path: Path) -> None:
    long_text = "\n\n".join([GOOD.strip()] * 400)
    (tmp_path / "long.txt").write_text(long_text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", str(tmp_path / "long.txt"), "-o", str(out),
                                 "--max-chars", "5000"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) >= 400 and len({r["id"] for r in records}) == len(records)
