"""Every error Watchfloor raises on purpose.

Each carries the ``path`` it concerns, a stable ``reason`` slug (greppable,
countable, stored with the failure) and a human ``detail`` saying what to do.
"""

from __future__ import annotations


class WatchfloorError(Exception):
    """Base class. ``str(err)`` is the one line shown to users: ``path: reason: detail``."""

    def __init__(self, reason: str, detail: str, *, path: str | None = None) -> None:
        self.reason = reason
        self.detail = detail
        self.path = path
        super().__init__(self.message)

    @property
    def message(self) -> str:
        prefix = f"{self.path}: " if self.path else ""
        return f"{prefix}{self.reason}: {self.detail}"


class IngestError(WatchfloorError):
    """A file or URL could not be read into a Document."""


class SegmentError(WatchfloorError):
    """A document could not be split into its structure."""


class ExtractError(WatchfloorError):
    """Extraction could not run (bad rule file, bad input)."""


class DataFileError(WatchfloorError):
    """A shipped or analyst-supplied data file is malformed (``file:line: reason``)."""


class GazetteerError(WatchfloorError):
    """The gazetteer is missing, corrupt or cannot be imported into."""


class StoreError(WatchfloorError):
    """The database cannot be opened, migrated or written."""


class ResolveError(WatchfloorError):
    """Incident resolution or knowledge-base curation failed."""


class BriefError(WatchfloorError):
    """A brief, chart or map could not be rendered."""


class MissingExtraError(WatchfloorError):
    """An optional dependency is not installed; the detail names the pip command."""

    def __init__(self, extra: str, module: str) -> None:
        super().__init__(
            "missing-extra",
            f"this needs the '{module}' package; run: pip install 'watchfloor[{extra}]'",
        )
