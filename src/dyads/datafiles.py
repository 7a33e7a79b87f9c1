"""Reading and validating the YAML data files (knowledge base, codebook).

Errors name the file and the entry and say to run `dyads kb validate` after fixing them.
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import ValidationError

from dyads.errors import DataFileError


def file_name(path: Any) -> str:
    return getattr(path, "name", str(path))


def read_yaml(path: Any, *, missing_ok: bool = False) -> Any:
    """Parse a YAML file (a Path or an importlib Traversable) with the fast safe loader."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return None
        raise DataFileError(f"{file_name(path)}: not found") from None
    except OSError as exc:
        raise DataFileError(f"{file_name(path)}: cannot be read ({exc})") from exc
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise DataFileError(f"{file_name(path)}: not valid YAML ({exc})") from exc


def validate(model: Any, data: Any, where: str) -> Any:
    """``model.model_validate(data)``; the first problem becomes a DataFileError."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        raise DataFileError(f"{where}: {loc}: {first['msg']}") from exc
