"""Django's PostgreSQL backend with a cheaper health check (``base.py`` says why); ENGINE
``prongsai.agencies.postgresql``, set by settings.py for every PostgreSQL database."""
