"""Asynchronous batch checks: a plain library (no Flask) on RQ and the service's Redis.

- `queue`: submit a job, read it back (the API calls these);
- `work`: the RQ task that checks the articles, and how a job ends;
- `callbacks`: the signed POST to `callback_url` when a job ends, retried with backoff;
- `ssrf`: which callback URLs may be called;
- `records`: the Redis layout and the Job body;
- `worker`: the `python -m service worker` process.
"""
