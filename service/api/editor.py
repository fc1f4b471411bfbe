"""The editor's page: paste an article, check it, see every claim highlighted by verdict."""

from __future__ import annotations

from flask import Blueprint, render_template

from .auth import public

bp = Blueprint("editor", __name__)


@bp.get("/")
@public
def editor():
    """The fact-checking page for editors (one self-contained HTML file, no external assets)."""
    return render_template("editor.html")
