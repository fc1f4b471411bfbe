"""Controlled vocabularies shared by the matcher and the reference store. Flask-free."""
