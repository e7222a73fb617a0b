"""Importing: the pipeline glue from a file to archive rows (file -> archive.ingest's ParsedArticle
-> Article, Source, Person, Mention rows -> story and search index).

- `importer`: `import_files` (an upload or `ingest`: unpacks zips, parses, finds people in one NER
  batch, stores each article in its own transaction) and `import_unpacked` (an import job's files,
  unpacked once by its chunk 0); `store_article`, `apply_parsed`, `extract_people`.
- `restoring`: `restore_export` (a Parallax export comes back without re-extraction) and
  `export_record` (the other direction).
- `reextraction`: `reextract` (parse stored raw text again, keeping editors' values) and
  `refresh_edited` (what an editor's change derives again).
- `versions`: a re-upload from a stored article's URL that changed it keeps its versions
  (`snapshot`, `record_version`); an identical one stays a duplicate.
- `noise`: learned page noise per outlet (`NoiseBook`, `learn_noise`).
- `resolution`: names to one Person each (`resolve_mentions`, `person_named`, `merge_people`).
- `base`: what they share: `FileResult`, provenance (`FIELDS`, `EDITOR`), `get_source`,
  `save_with_sketch`, `save_mentions`.

Arrows: reextraction -> importer -> restoring, noise, versions -> base -> resolution; none back.
"""
