"""Configuration has one home: this module.

Values come from defaults, then EVENTATLAS_* environment variables, then explicit
arguments (the CLI passes its options through `Settings.with_overrides`).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path


def _default_cache_dir() -> Path:
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("eventatlas"))


@dataclass(frozen=True)
class Settings:
    model: str | None = None          # spaCy pipeline name or path; None = md, then sm
    db: str = "eventatlas.db"
    cache_dir: Path = dataclasses.field(default_factory=_default_cache_dir)
    max_bytes: int = 5 * 1024 * 1024  # larger inputs are rejected
    geocoder: str = "geonames"
    geo_ranker: str | None = None     # a column of geo/data/ranker.tsv; None = the shipped default ("both")
    store: str = "sqlite"
    batch_size: int = 16

    @classmethod
    def from_env(cls) -> "Settings":
        env = os.environ
        kw: dict = {}
        if env.get("EVENTATLAS_MODEL"):
            kw["model"] = env["EVENTATLAS_MODEL"]
        if env.get("EVENTATLAS_DB"):
            kw["db"] = env["EVENTATLAS_DB"]
        if env.get("EVENTATLAS_CACHE_DIR"):
            kw["cache_dir"] = Path(env["EVENTATLAS_CACHE_DIR"])
        if env.get("EVENTATLAS_MAX_BYTES"):
            kw["max_bytes"] = int(env["EVENTATLAS_MAX_BYTES"])
        return cls(**kw)

    def with_overrides(self, **kw) -> "Settings":
        return dataclasses.replace(self, **{k: v for k, v in kw.items() if v is not None})
