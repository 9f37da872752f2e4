"""Where the gold data lives: EVENTATLAS_GOLD, then ../shared/gold from the working directory, then
../shared/gold beside the repository. Gold files are read in place and never copied into the project."""

from __future__ import annotations

import os
from pathlib import Path

from eventatlas.errors import GoldMissing

REPO_ROOT = Path(__file__).resolve().parents[2]


def candidates() -> list[Path]:
    env = os.environ.get("EVENTATLAS_GOLD")
    found = [Path(env)] if env else []
    return found + [Path.cwd() / ".." / "shared" / "gold", REPO_ROOT.parent / "shared" / "gold"]


def gold_root() -> Path:
    """The first gold folder that exists; GoldMissing names every place looked in."""
    env = os.environ.get("EVENTATLAS_GOLD")
    if env and not Path(env).is_dir():
        # an explicit setting that points nowhere is a mistake worth reporting, not a reason to look elsewhere
        raise GoldMissing(f"{env}: EVENTATLAS_GOLD is set but is not a directory")
    for cand in candidates():
        if cand.is_dir():
            return cand.resolve()
    looked = ", ".join(str(c) for c in candidates())
    raise GoldMissing(f"gold data not found (looked in {looked}); set EVENTATLAS_GOLD or pass --path")


def gold_path(relative: str, override: str | Path | None = None) -> Path:
    """The file or folder of one set: `override` when given, else `relative` under the gold root."""
    path = Path(override) if override is not None else gold_root() / relative
    if not path.exists():
        raise GoldMissing(f"{path}: no such gold file or folder")
    return path


def gold_available() -> bool:
    try:
        gold_root()
    except GoldMissing:
        return False
    return True


def read_gold_text(path: Path, error: type[Exception]) -> str:
    """A gold file's text; one that cannot be read raises `error` naming the file and the reason."""
    try:
        return path.read_text("utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise error(f"{path}: not UTF-8 text") from None


def numbered_lines(path: Path, error: type[Exception]) -> list[tuple[int, str]]:
    """The non-blank lines of a gold file with their 1-based line numbers."""
    lines = read_gold_text(path, error).splitlines()
    return [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]


def read_gold_json(path: Path, error: type[Exception], expected: type, what: str):
    """A gold JSON file holding `what` (an object or an array, `expected`), or `error` naming the file."""
    import json

    try:
        data = json.loads(read_gold_text(path, error))
    except json.JSONDecodeError as exc:
        raise error(f"{path}: not {what} ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, expected):
        raise error(f"{path}: expected {what}")
    return data
