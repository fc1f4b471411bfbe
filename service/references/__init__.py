"""Reference facts: schema, Redis store, importer and remote sources. Flask-free."""
