"""HTML to text with inscriptis, which keeps block layout (paragraphs become blank lines).

The HTML is parsed here (lxml, as inscriptis does) so nothing is lost on the way:

- libxml2 stops building the tree 255 elements deep unless told otherwise, and what is deeper
  vanished without a word; here the limit is raised (`huge_tree`: 2,047 deep) and a document
  deeper still is refused with a 422 naming `html`, never cut;
- inscriptis walks the tree recursively, so below MAX_LAYOUT_DEPTH a subtree is flattened to
  its text (a line break where each block element was): its words stay, its indentation goes;
- `<noscript>` and `<template>` hold what a reader does not see: not article text;
- every block element of HTML ends a line, so two sentences never run together
  (inscriptis' profile misses `<section>`, `<dd>`, `<details>` ...);
- the `<title>` is read, for `document.title` when the caller sent none.
"""

from __future__ import annotations

import re

from inscriptis import Inscriptis
from inscriptis.css_profiles import RELAXED_CSS_PROFILE
from inscriptis.html_properties import Display
from inscriptis.model.config import ParserConfig
from inscriptis.model.html_element import HtmlElement
from lxml import etree
from lxml.html import HTMLParser, document_fromstring

from service.errors import ValidationFailed

MAX_LAYOUT_DEPTH = 200  # well inside Python's recursion limit, which inscriptis walks within
HIDDEN = ("noscript", "template")
MORE_BLOCKS = (  # block-level in the HTML standard, not in inscriptis' profile
    "section", "search", "dl", "dt", "dd", "details", "summary", "dialog", "menu", "fieldset",
    "legend", "form", "center", "dir", "caption", "option", "optgroup", "frameset", "noframes",
)  # fmt: skip
_CSS = {
    **{tag: HtmlElement(display=Display.block) for tag in MORE_BLOCKS},
    **RELAXED_CSS_PROFILE,
}
BLOCKS = frozenset(tag for tag, element in _CSS.items() if element.display == Display.block)
_CONFIG = ParserConfig(css=_CSS, display_links=False, display_anchors=False)
_XML_DECLARATION = re.compile(r"^<\?xml [^>]*\?>", re.IGNORECASE)


def html_document(html: str) -> tuple[str, str | None]:
    """The visible text of `html` (claim offsets refer to it) and its `<title>`, if any."""
    tree = _parse(html)
    if tree is None:
        return "", None
    title = " ".join(tree.findtext(".//title", "").split()) or None
    etree.strip_elements(tree, *HIDDEN, with_tail=False)
    for deep in tree.xpath("/*" * MAX_LAYOUT_DEPTH):
        _flatten(deep)
    return Inscriptis(tree, _CONFIG).get_text().strip("\n"), title


def html_to_text(html: str) -> str:
    """The visible text of `html`; claim offsets then refer to this text."""
    return html_document(html)[0]


def _parse(html: str):
    """The lxml tree of `html`, or None when it is blank; a tree libxml2 had to cut is a 422."""
    html = _XML_DECLARATION.sub("", html.strip(), count=1)
    if not html:
        return None
    parser = HTMLParser(huge_tree=True)
    try:
        tree = document_fromstring(html, parser=parser)
    except etree.ParserError:
        tree = document_fromstring("<pre>" + html + "</pre>", parser=parser)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise ValidationFailed(
            "The HTML nests elements deeper than 2,047 levels; its text cannot be read whole.",
            [{"field": "html", "message": "Nested too deep (more than 2,047 elements)."}],
        )
    return tree


def _flatten(element) -> None:
    """Replace the markup under `element` by its text, with a line break around each block."""
    for block in [e for e in element.iterdescendants() if e.tag in BLOCKS]:
        before, after = etree.Element("br"), etree.Element("br")
        after.tail, block.tail = block.tail, None
        block.addprevious(before)
        block.addnext(after)
    tags = {e.tag for e in element.iterdescendants() if isinstance(e.tag, str)} - {"br"}
    etree.strip_tags(element, *tags)
