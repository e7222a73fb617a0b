"""Import jobs: an upload handed to the task workers instead of being imported in the request.

- `web`: the web side. `receive_upload` (the admin upload) and `queue_paths` (`ingest --queue`)
  save what was received and queue chunk 0; `cancel`, `progress` and `results` for the job page.
- `tasks`: the task module, and the one place that enqueues: `run_chunk` (the task a worker runs),
  `enqueue(chunk)`, `requeue_stale()` (chunks whose worker died).
- `runner`: the task body. Chunk 0 unpacks what was received into ImportFiles; chunks 1..n import
  their files through archive.importing.importer; resuming after a dead worker.
- `admin`: the job list and page (progress, results, cancel).
- `cleaning`: upload folders nobody will read again (no job, or a job ended long ago), removed by
  `manage.py clean_uploads`, when a worker starts and after each job ends.
- `base`: what they share: where a job's files live and how they go, how its results are counted,
  and how long to wait after a locked database.

Arrows: admin -> web, tasks; web -> tasks -> runner -> cleaning -> base; runner -> archive.importing.
"""
