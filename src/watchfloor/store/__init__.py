"""Storage: the only package that speaks SQL. SQLite by default."""

from watchfloor.store.rows import event_to_record
from watchfloor.store.sqlite import DocumentSummary, SaveStatus, SentenceRow, Store

__all__ = ["DocumentSummary", "SaveStatus", "SentenceRow", "Store", "event_to_record"]
