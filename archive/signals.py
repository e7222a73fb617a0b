"""Keep the search index in step with the database (built in the search issue)."""
