"""Stories: which stored articles report the same event, kept up to date as articles come and go
(the decisions are archive.compare's plain Python; this package keeps the rows around them).

- `clustering`: `on_article_ingested` (the importer calls it for each new original), `forget`,
  `refresh_story`, `recluster_all` (`manage.py cluster_stories`), and the editor's operations
  (`merge_stories`, `move_out`).
- `synced_index`: each process's in-memory compare.stories.StoryIndex, kept in sync by the
  StoryIndexChange log (`current`, `using`, `record`).
- `signals`: the receivers that log changes made elsewhere (duplicates, deletes, people merged or
  marked not a person) to the synced index.
- `admin`: the Story admin (rename, merge, move out, lock).
- `loading`: a story's articles as compare values (the story page and /api/stories/ID/ read them
  there), with its framing and alignment.

Arrows: admin, signals -> clustering -> synced_index -> archive.compare, archive.models.
"""
