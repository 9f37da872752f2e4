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
    # articles written in one transaction at most (scale/writer.py): one commit per article would rewrite
    # the same index pages once per article
    write_batch: int = 32
    # wall-clock seconds an article may take in the pipeline, for every 10,000 characters (worker.py)
    article_seconds: float = 30.0
    # fetch URLs that resolve to loopback, private or link-local addresses (an intranet); off by default
    allow_private_urls: bool = False
    # the most seconds one HTTP API request may spend in the store before it is stopped (503)
    request_seconds: float = 5.0

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
        if env.get("EVENTATLAS_WRITE_BATCH"):
            kw["write_batch"] = max(1, int(env["EVENTATLAS_WRITE_BATCH"]))
        if env.get("EVENTATLAS_ARTICLE_SECONDS"):
            kw["article_seconds"] = float(env["EVENTATLAS_ARTICLE_SECONDS"])
        if env.get("EVENTATLAS_REQUEST_SECONDS"):
            kw["request_seconds"] = float(env["EVENTATLAS_REQUEST_SECONDS"])
        if env.get("EVENTATLAS_ALLOW_PRIVATE_URLS"):
            kw["allow_private_urls"] = env["EVENTATLAS_ALLOW_PRIVATE_URLS"].lower() in ("1", "true", "yes")
        return cls(**kw)

    def with_overrides(self, **kw) -> "Settings":
        return dataclasses.replace(self, **{k: v for k, v in kw.items() if v is not None})
