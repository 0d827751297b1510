"""Citizen portal views: thin, each reading through ``requests_app.selectors`` and writing
through ``requests_app.services`` / ``requests_app.uploads``."""
