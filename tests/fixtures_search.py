"""Shared pytest fixtures for the search tests (registered in tests/conftest.py)."""
