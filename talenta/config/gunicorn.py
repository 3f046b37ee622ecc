"""The production web server's settings (``make serve``; README, "Serving it for real").

gunicorn, preforking WSGI: Talenta's views are synchronous Django, CPU-bound in Python, so processes (one per
core) carry the load; a few threads per process keep a slow client from holding a whole process. Environment:
``TALENTA_BIND`` (default 127.0.0.1:8000), ``TALENTA_WEB_WORKERS`` (default: the number of cores),
``TALENTA_WEB_THREADS`` (default 4), ``TALENTA_REQUEST_TIMEOUT`` (seconds, default 120).
"""

import os

bind = os.environ.get("TALENTA_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("TALENTA_WEB_WORKERS", str(os.cpu_count() or 2)))
worker_class = "gthread"
threads = int(os.environ.get("TALENTA_WEB_THREADS", "4"))
timeout = int(os.environ.get("TALENTA_REQUEST_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # a worker is replaced now and then, so no slow leak grows for ever
max_requests_jitter = 200
wsgi_app = "talenta.config.wsgi:application"
accesslog = os.environ.get("TALENTA_ACCESS_LOG", "-")
errorlog = "-"
forwarded_allow_ips = os.environ.get("TALENTA_FORWARDED_ALLOW_IPS", "127.0.0.1")
