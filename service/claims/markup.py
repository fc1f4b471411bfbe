"""HTML to text with inscriptis, which keeps block layout (paragraphs become blank lines)."""

from inscriptis import get_text
from inscriptis.model.config import ParserConfig

_CONFIG = ParserConfig(display_links=False, display_anchors=False)


def html_to_text(html: str) -> str:
    """The visible text of ``html``; claim offsets then refer to this text."""
    return get_text(html, _CONFIG).strip("\n")
