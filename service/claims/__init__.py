"""Claim extraction: numeric claims (counts, dates, percentages, money, quantities) in text.

A plain library (no web framework): ``extract(text, published_at)`` returns claim dicts with
exact character spans; ``html_to_text(html)`` reduces HTML to the text those spans refer to.
"""

from service.claims.extract import extract
from service.claims.markup import html_to_text

__all__ = ["extract", "html_to_text"]
