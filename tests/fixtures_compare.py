"""Shared pytest fixtures for the compare tests (registered in tests/conftest.py)."""
