"""The HTTP API: one blueprint per resource, one error shape. `app.init_app` wires it up.

This package imports nothing itself, so the Flask-free library (the batch jobs) can read the
problem table in `errors` without pulling in every blueprint.
"""
