"""The service's one vocabulary: word lists, qualifiers, places and the text normaliser.

Extraction, matching and the reference store all read their words from here, so a word added
to a list is seen by every stage at once.
"""
