"""The built-in readers; importing this package registers them in READERS."""

from eventatlas.ingest.readers import feed, html, records, text, warc  # noqa: F401
