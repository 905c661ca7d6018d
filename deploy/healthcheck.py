"""The container's health check: the app answers a public page without a server error.

It asks for the first of DJANGO_ALLOWED_HOSTS over the forwarded-HTTPS header, as nginx would, so that
neither the host check nor the SSL redirect gets in the way. Exit 0: healthy."""

import http.client
import os
import sys

host = (os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")[0].strip() or "localhost").lstrip(".")
port = int(os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").rsplit(":", 1)[1])
try:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=4)
    path = os.environ.get("HEALTHCHECK_PATH", "/")  # the home page reads the database
    connection.request("GET", path, headers={"Host": host, "X-Forwarded-Proto": "https"})
    status = connection.getresponse().status
except OSError as exc:
    print(f"unhealthy: {exc}")
    sys.exit(1)
print(status)
sys.exit(0 if status < 500 else 1)
