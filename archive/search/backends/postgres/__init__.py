"""The PostgreSQL engine: the archive's own tables are the index."""
