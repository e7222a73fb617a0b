"""Following the news: saved searches, what is new in them since a user last looked, and the
e-mail digests of what is new since the last digest (the glue between the models, the search
backend and Django's e-mail API). Feeds are views (archive/views/feeds.py)."""
