"""Render a :class:`Brief` as self-contained HTML, Markdown or PDF.

HTML: Jinja2 with autoescape on; inline CSS and SVG; no external request.
Markdown: every value escaped (``md_escape``); figures as ``data:`` URIs.
PDF: WeasyPrint (the ``pdf`` extra) with a URL fetcher that refuses every fetch.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from functools import cache
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from watchfloor.brief.build import build_brief
from watchfloor.brief.model import Brief
from watchfloor.brief.svg import clean_text
from watchfloor.errors import BriefError, MissingExtraError
from watchfloor.store import Store

BriefFormat = Literal["html", "md", "pdf"]
FORMATS: tuple[BriefFormat, ...] = ("html", "md", "pdf")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!~])")


def md_escape(value: object) -> str:
    """Markdown-inert text: HTML metacharacters as entities, Markdown syntax backslashed."""
    if value is None:
        return ""
    text = clean_text(str(value), limit=20000).replace("\r", " ").replace("\n", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _html_finalize(value: object) -> object:
    if isinstance(value, Markup) or not isinstance(value, str):
        return "" if value is None else value
    return clean_text(value, limit=20000)


def _trusted_svg(value: str) -> Markup:
    """Mark an SVG drawn by ``brief/maps.py`` or ``brief/charts.py`` as safe (never source text)."""
    if value and not value.startswith("<svg "):
        raise BriefError("bad-svg", "only SVG drawn by the brief's own code may be inlined")
    return Markup(value)


def _svg_uri(value: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(value.encode("utf-8")).decode("ascii")


@cache
def _environment(fmt: Literal["html", "md"]) -> Environment:
    env = Environment(
        loader=PackageLoader("watchfloor.brief", "templates"),
        autoescape=fmt == "html",
        undefined=StrictUndefined,
        finalize=_html_finalize if fmt == "html" else md_escape,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["trusted_svg"] = _trusted_svg
    env.filters["svg_uri"] = _svg_uri
    return env


def render_html(brief: Brief) -> str:
    return _environment("html").get_template("brief.html.j2").render(brief=brief)


def render_markdown(brief: Brief) -> str:
    return _environment("md").get_template("brief.md.j2").render(brief=brief)


def render_pdf(brief: Brief) -> bytes:
    """PDF bytes via WeasyPrint; every URL fetch is refused, so nothing leaves the machine."""
    try:
        import weasyprint
    except ImportError as err:
        raise MissingExtraError("pdf", "weasyprint") from err

    def refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        raise BriefError("no-network", f"the brief may not fetch {url!r}")

    html = weasyprint.HTML(string=render_html(brief), url_fetcher=refuse, base_url=".")
    data = html.write_pdf()
    if not isinstance(data, bytes):
        raise BriefError("pdf-failed", "WeasyPrint returned no PDF")
    return data


def render_brief(
    store: Store, *, week_start: dt.date, fmt: BriefFormat = "html", weeks_back: int = 8
) -> bytes | str:
    """The brief for the seven days from ``week_start``: ``str`` for html/md, ``bytes`` for pdf.

    See :func:`watchfloor.brief.build.build_brief` for what it contains and
    ``watchfloor.brief.week_containing`` to find the week holding a given day.
    """
    if fmt not in FORMATS:
        raise BriefError("bad-format", f"unknown brief format {fmt!r}; use html, md or pdf")
    brief = build_brief(store, week_start, weeks_back=weeks_back)
    if fmt == "html":
        return render_html(brief)
    if fmt == "md":
        return render_markdown(brief)
    return render_pdf(brief)
