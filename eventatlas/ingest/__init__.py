"""The ingest stage: files, folders, feeds and dumps in; Documents (or Rejections) out."""

from eventatlas.ingest.document import content_id, make_document

__all__ = ["content_id", "make_document"]
