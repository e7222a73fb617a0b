"""Shared pytest fixtures for the ingest tests (registered in tests/conftest.py)."""
