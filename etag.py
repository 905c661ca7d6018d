import sys, django
django.setup()
from django.test import Client
c = Client(HTTP_HOST="127.0.0.1")
r = c.get(sys.argv[1]); print(r.headers.get("ETag"))
