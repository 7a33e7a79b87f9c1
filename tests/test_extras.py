"""`pip install dyads` codes text; the dashboard, Dask, PostgreSQL and Parquet are extras, and a
missing one is named when it is needed."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from dyads.errors import EXTRAS, MissingExtra, require

ROOT = Path(__file__).resolve().parents[1]
OPTIONAL = ("fastapi", "uvicorn", "jinja2", "dask", "distributed", "psycopg", "pyarrow")

BLOCK = """
import sys

class Block:
    '''As if the optional libraries were not installed.'''

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"dask", "distributed", "fastapi", "starlette", "psycopg",
                                  "uvicorn", "pyarrow"}:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Block())
"""


def run_blocked(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", BLOCK + code, *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


def _name(requirement: str) -> str:
    return requirement.split("[")[0].split(">")[0].split("=")[0].split("<")[0].strip().lower()


def test_the_extras_hold_the_optional_libraries() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = {_name(r) for r in project["dependencies"]}
    extras = project["optional-dependencies"]
    assert core.isdisjoint(OPTIONAL)
    assert set(EXTRAS) <= set(extras)
    assert {_name(r) for r in extras["web"]} == {"fastapi", "uvicorn", "jinja2"}
    assert {_name(r) for e in ("scale", "postgres", "parquet") for r in extras[e]} == {
        "dask", "psycopg", "pyarrow"}
    assert extras["all"] == [f"dyads[{','.join(EXTRAS)}]"]
    assert "dyads[all]" in extras["dev"]


def test_require() -> None:
    assert require("json", extra="web") is json
    with pytest.raises(MissingExtra, match=r"pip install 'dyads\[scale\]'") as caught:
        require("no_such_module_for_dyads", extra="scale")
    assert caught.value.extra == "scale"


def test_serve_names_the_web_extra(tmp_path: Path) -> None:
    done = run_blocked("from dyads.cli import app\napp()", "serve", "--db",
                       str(tmp_path / "events.db"))
    assert done.returncode == 1, done.stderr
    assert "pip install 'dyads[web]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_dask_engine_names_the_scale_extra(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("China protested.", encoding="utf-8")
    done = run_blocked("from dyads.cli import app\napp()", "code", str(tmp_path / "a.txt"),
                       "--engine", "dask", "-o", str(tmp_path / "out"))
    assert done.returncode == 1, done.stderr
    assert "pip install 'dyads[scale]'" in done.stderr


def test_postgres_and_parquet_name_their_extras(tmp_path: Path) -> None:
    done = run_blocked(
        "from dyads.errors import MissingExtra\n"
        "from dyads.store import Store, export\n"
        "for use in (lambda: Store.open('postgresql://localhost/none'),\n"
        "            lambda: export(Store.open(sys.argv[1]), 'parquet', sys.argv[2])):\n"
        "    try:\n        use()\n"
        "    except MissingExtra as exc:\n        print(exc.extra)\n",
        str(tmp_path / "events.db"), str(tmp_path / "events.parquet"))
    assert done.stdout.split() == ["postgres", "parquet"], done.stderr


@pytest.mark.model
def test_coding_needs_no_extra() -> None:
    done = run_blocked(
        "import json, dyads\n"
        "events = dyads.code('Xi said China will provide aid to Vietnam.', "
        "published='2017-11-12')\n"
        "blocked = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'dask', 'distributed', 'fastapi', 'psycopg', 'uvicorn', 'pyarrow'})\n"
        "print(json.dumps([[e.event, e.actor[0].code, [r.code for r in e.recipient]] "
        "for e in events] + [blocked]))\n")
    assert done.returncode == 0, done.stderr
    *events, loaded = json.loads(done.stdout)
    assert ["AGREE", "CHN", ["VNM"]] in events
    assert loaded == []
