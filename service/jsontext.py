"""Reading JSON text that strangers send: every way it can fail becomes one ValueError with a
plain reason (invalid, nested too deeply, an integer of more than 4,300 digits), so callers
answer with a clear 4xx instead of a 500."""

from __future__ import annotations

import json


def loads(text: str) -> object:
    """The JSON value of `text`, or ValueError("<reason>")."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{exc.msg} at line {exc.lineno}") from None
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except ValueError as exc:  # int_max_str_digits
        raise ValueError(str(exc)) from None
