"""HTML pages: the main text only, with headings, paragraphs and bullets on their own lines.

Navigation, scripts, styles, share buttons, footers and other page furniture are dropped
(the tags, class words and roles are listed in ``data/ingest/html_boilerplate.tsv``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
from lxml import etree

from watchfloor.errors import IngestError
from watchfloor.ingest.base import ReadOptions, clean_title, make_document, normalise_text
from watchfloor.ingest.encoding import bom_encoding, decode_text
from watchfloor.ingest.meta import publisher_from_title, read_text_meta
from watchfloor.models import DocFormat, Document

_BOILERPLATE_KINDS = frozenset({"tag", "token", "role"})
_HEAD_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s{0,3}=\s{0,3}["']?([A-Za-z0-9_.:-]{1,40})""", re.I
)
_HEADER_CHARSET = re.compile(r"charset\s{0,3}=\s{0,3}[\"']?([A-Za-z0-9_.:-]{1,40})", re.I)
_CLASS_SPLIT = re.compile(r"[-_\s]+")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_HIDDEN_STYLE = re.compile(r"display\s{0,3}:\s{0,3}none|visibility\s{0,3}:\s{0,3}hidden", re.I)
_BLANK_LINES = re.compile(r"\n{3,}")
_EMPTY_BULLET = re.compile(r"^(•|\d{1,3}\.)\n+", re.MULTILINE)
_ISO_DATE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PARAGRAPH_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "header", "blockquote", "pre", "table", "ul",
     "ol", "dl", "figure", "figcaption", "address", "hr", "center", "details", "summary"}
)  # fmt: skip
LINE_TAGS = frozenset({"tr", "dt", "dd", "caption"})
CELL_TAGS = frozenset({"td", "th"})
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publish-date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "date",
)
LINK_DENSITY = 0.7
LINK_BLOCK_MAX_CHARS = 2000
LINK_BLOCK_TAGS = ("ul", "ol", "div", "section", "table", "p")
MAIN_SHARE = 0.3  # an <article>/<main> must hold this share of the page text to be used
PROTECT_SHARE = 0.5  # never drop by class an element holding this share of the main text


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None
    site_name: str | None
    published: dt.date | None


def read_html(data: bytes, options: ReadOptions) -> list[Document]:
    """One Document holding the page's main text; title from ``<title>`` or ``<h1>``."""
    root = parse_html(data, options)
    meta = read_page_meta(root)
    text = main_text(root)
    if not text.strip():
        raise IngestError("empty", "the page has no readable main text")
    title = meta.title or clean_title(text.split("\n", 1)[0]) or options.origin
    text_meta = read_text_meta(
        text, title=title, options=options, year=meta.published.year if meta.published else None
    )
    return [
        make_document(
            text,
            title=title,
            doc_format=DocFormat.HTML,
            origin=options.origin,
            publisher=meta.site_name or publisher_from_title(title) or text_meta.agency,
            published=meta.published or text_meta.published,
            period=text_meta.period,
        )
    ]


def parse_html(data: bytes, options: ReadOptions) -> lxml.html.HtmlElement:
    """Decode (BOM, ``--encoding``, HTTP or ``<meta>`` charset, then UTF-8 rules) and parse."""
    text = _decode_html(data, options)
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise IngestError("bad-html", f"no HTML document could be parsed ({err})") from err
    if not isinstance(root, lxml.html.HtmlElement):
        raise IngestError("bad-html", "no HTML document could be parsed")
    return root


def _decode_html(data: bytes, options: ReadOptions) -> str:
    declared = options.encoding
    if not declared and not bom_encoding(data):
        match = _HEADER_CHARSET.search(options.content_type or "") or _META_CHARSET.search(
            data[:_HEAD_BYTES]
        )
        if match:
            group = match.group(1)
            charset = group.decode("ascii") if isinstance(group, bytes) else group
            try:
                return data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: fall back to our own rules
    return decode_text(data, encoding=declared)


def read_page_meta(root: lxml.html.HtmlElement) -> PageMeta:
    """Title (``<title>``, else the first ``<h1>``), ``og:site_name`` and the publication date."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if key and content and key not in found:
            found[key] = content[:300]
    title_el = root.find(".//title")
    title = clean_title(title_el.text_content()) if title_el is not None else None
    if not title:
        h1 = root.find(".//h1")
        title = clean_title(h1.text_content()) if h1 is not None else None
    published = None
    for key in PUBLISHED_META:
        if key in found:
            published = _iso_date(found[key])
            if published:
                break
    return PageMeta(
        title=title, site_name=clean_title(found.get("og:site_name")), published=published
    )


def _iso_date(value: str) -> dt.date | None:
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def main_text(root: lxml.html.HtmlElement) -> str:
    """The normalised main text of a parsed page (empty when it has none)."""
    lexicon = _boilerplate()
    for element in list(root.iter(*lexicon["tag"])):
        element.drop_tree()
    container = _main_container(root)
    _drop_furniture(container, lexicon)
    _drop_link_blocks(container)
    return render_text(container)


def html_fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), furniture dropped, lines kept."""
    if not fragment.strip():
        return ""
    if "<" not in fragment:
        return normalise_text(fragment)
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(fragment.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return normalise_text(fragment)
    return main_text(root)


def _boilerplate() -> dict[str, frozenset[str]]:
    from watchfloor.ingest.lexicon import load_lexicon

    return load_lexicon("html_boilerplate.tsv", _BOILERPLATE_KINDS)


def _text_length(element: lxml.html.HtmlElement) -> int:
    return len(_SPACES.sub(" ", element.text_content()).strip())


def _main_container(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    body = root.find("body")
    fallback = body if body is not None else root
    candidates = [*root.iter("article", "main"), *root.xpath("//*[@role='main']")]
    if candidates:
        best = max(candidates, key=_text_length)
        # A teaser <article> in a side column is not the page's main text.
        if _text_length(best) >= MAIN_SHARE * _text_length(fallback) > 0:
            return best
    return fallback


def _class_words(element: lxml.html.HtmlElement) -> set[str]:
    words: set[str] = set()
    for attr in ("class", "id"):
        value = (element.get(attr) or "")[:200].lower()
        for name in value.split():
            words.add(name)
            words.update(part for part in _CLASS_SPLIT.split(name) if part)
    return words


def _is_furniture(element: lxml.html.HtmlElement, lexicon: dict[str, frozenset[str]]) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if _HIDDEN_STYLE.search((element.get("style") or "")[:300]):
        return True
    if (element.get("role") or "").lower() in lexicon["role"]:
        return True
    return bool(_class_words(element) & lexicon["token"])


def _drop_furniture(container: lxml.html.HtmlElement, lexicon: dict[str, frozenset[str]]) -> None:
    total = max(_text_length(container), 1)
    doomed = [
        element
        for element in container.iterdescendants()
        if isinstance(element.tag, str) and _is_furniture(element, lexicon)
    ]
    for element in doomed:
        if element.getparent() is None:
            continue
        if _text_length(element) > PROTECT_SHARE * total:
            continue  # "content has-sidebar": a layout class on the article itself
        element.drop_tree()


def _drop_link_blocks(container: lxml.html.HtmlElement) -> None:
    """Drop short blocks that are mostly links (unlabelled menus, tag clouds)."""
    for element in list(container.iterdescendants(*LINK_BLOCK_TAGS)):
        if element.getparent() is None:
            continue
        length = _text_length(element)
        if not length or length > LINK_BLOCK_MAX_CHARS:
            continue
        links = element.findall(".//a")
        if len(links) < 3:
            continue
        link_chars = sum(_text_length(link) for link in links)
        if link_chars > LINK_DENSITY * length:
            element.drop_tree()


def render_text(container: lxml.html.HtmlElement) -> str:
    """Lay the element tree out as lines: blocks apart, list items as ``•``/``1.`` bullets."""
    return normalise_text(_join_parts(_render_parts(container)))


def _render_parts(container: lxml.html.HtmlElement) -> Iterator[str]:
    lists: list[list[int]] = []  # per open list: [is_ordered, counter]
    pre_depth = 0
    for event, element in etree.iterwalk(container, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            pre_depth += tag == "pre"
            yield from _open_tag(tag, lists)
            if element.text:
                yield element.text if pre_depth else _SPACES.sub(" ", element.text)
        else:
            yield from _close_tag(tag, lists)
            pre_depth -= tag == "pre"
            if element is not container and element.tail:
                yield element.tail if pre_depth else _SPACES.sub(" ", element.tail)


def _open_tag(tag: str, lists: list[list[int]]) -> Iterator[str]:
    if tag in ("ul", "ol"):
        lists.append([tag == "ol", 0])
    if tag in HEADINGS or tag in PARAGRAPH_TAGS:
        yield "\n\n"
    elif tag == "li":
        if lists and lists[-1][0]:
            lists[-1][1] += 1
            yield f"\n{lists[-1][1]}. "
        else:
            yield "\n• "
    elif tag in LINE_TAGS:
        yield "\n"
    elif tag in CELL_TAGS:
        yield " "
    elif tag == "br":
        yield "\n"


def _close_tag(tag: str, lists: list[list[int]]) -> Iterator[str]:
    if tag in ("ul", "ol") and lists:
        lists.pop()
    if tag in HEADINGS or tag in PARAGRAPH_TAGS:
        yield "\n\n"
    elif tag in LINE_TAGS:
        yield "\n"


def _join_parts(parts: Iterator[str]) -> str:
    text = "".join(parts)
    text = "\n".join(line.strip(" \t") for line in text.split("\n"))
    text = _EMPTY_BULLET.sub(r"\1 ", text)  # <li><p>...</p></li>
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()
