"""eventatlas: news in, verifiable geocoded political and conflict events out."""

__version__ = "0.1.0"
