"""eventatlas: news in, verifiable geocoded political and conflict events out.

    from eventatlas import Atlas, Settings
    atlas = Atlas(Settings(db="events.db"))
"""

__version__ = "0.1.0"
__all__ = ["Atlas", "Settings", "__version__"]


def __getattr__(name: str):
    # lazily, so that `import eventatlas` (the CLI's first step) stays cheap
    if name == "Atlas":
        from eventatlas.atlas import Atlas
        return Atlas
    if name == "Settings":
        from eventatlas.config import Settings
        return Settings
    raise AttributeError(f"module 'eventatlas' has no attribute {name!r}")
