import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
# Served by gunicorn with prongsai.serving.SyncWorker (deploy/gunicorn.conf.py), which freezes what start-up
# made and runs every request on a data-stack chunk of its own (prongsai/serving.py, prongsai/stack.py).
application = get_wsgi_application()
