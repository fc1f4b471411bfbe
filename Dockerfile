# The API under gunicorn, as a non-root user. Redis comes from REDIS_URL (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    BIND=0.0.0.0:8000 \
    DATA_DIR=/app/var

RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY openapi.yaml .
COPY service/ service/
RUN mkdir -p var && chown app:app var

USER app
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
# `serve` execs gunicorn, which becomes the container's main process and logs to stdout.
CMD ["python", "-m", "service", "serve"]
