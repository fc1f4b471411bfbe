"""Asynchronous batch checks: a library on RQ and the service's Redis, with no Flask app or
request in it (an article the checker refuses is rendered as a problem with the API's one
status table, `service.api.errors.problem_fields`).

- `queue`: submit a job, read it back (the API calls these);
- `work`: the RQ task that checks the articles, and how a job ends;
- `settings`: the settings a worker process runs its tasks with;
- `callbacks`: the signed POST to `callback_url` when a job ends, retried with backoff;
- `ssrf`: which callback URLs may be called;
- `records`: the Redis layout and the Job body;
- `worker`: the `python -m service worker` process.
"""
