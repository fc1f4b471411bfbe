"""Watched articles: checked once, stored with their verdicts and the facts those rested on,
re-checked by the job workers when a reference they could match changes, and a signed
`verdict.changed` alert sent to the watch's callback URL when a verdict moves.

- `index.py`: what an article could match (its look-up places and named terms, the facts its
  verdicts cite) and what a changed fact touches; the two meet in `watch:{watch}:by:*` sets.
- `store.py`: the watched articles in Redis, per API key.
- `recheck.py`: the RQ task that reads the reference change log and re-checks.
- `queue.py`: queueing that task after a reference write.

No Flask here: the API (`service/api/watched.py`) and the workers call it.
"""
