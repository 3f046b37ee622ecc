# The reference image of Talenta (compose.yaml): Debian 12's Python, the project without its dev tools,
# served by gunicorn. The same image runs the web server and the worker (compose.yaml gives each its command).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    TALENTA_VAR_DIR=/var/lib/talenta TALENTA_BIND=0.0.0.0:8000

RUN useradd --system --home /var/lib/talenta --create-home talenta
WORKDIR /app
COPY pyproject.toml README.md ./
COPY talenta ./talenta
RUN pip install --no-cache-dir . \
 && TALENTA_SECRET_KEY=build-only talenta collectstatic --noinput \
 && chown -R talenta /var/lib/talenta

USER talenta
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
CMD ["gunicorn", "-c", "/app/talenta/config/gunicorn.py"]
