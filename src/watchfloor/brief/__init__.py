"""The weekly brief: cited, mapped, charted; HTML, Markdown or PDF.

``render_brief(store, week_start=..., fmt="html")`` renders; ``build_brief(store, week_start)``
returns the typed :class:`Brief` the templates read. DOCS: docs/brief.md.
"""

from watchfloor.brief.build import build_brief, format_period, week_containing
from watchfloor.brief.model import Brief, BriefIncident, Statement, anchor_for
from watchfloor.brief.render import FORMATS, BriefFormat, md_escape, render_brief

__all__ = [
    "FORMATS",
    "Brief",
    "BriefFormat",
    "BriefIncident",
    "Statement",
    "anchor_for",
    "build_brief",
    "format_period",
    "md_escape",
    "render_brief",
    "week_containing",
]
