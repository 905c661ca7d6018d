"""Django's PostgreSQL backend, with a health check that asks the socket before it asks the server.

Why: with ``CONN_HEALTH_CHECKS`` (connections kept per worker, see settings.py) Django sends ``SELECT 1``
before the first query of every request on a kept connection. On the tracking page, the most visited page
of the e-service and one that reads two rows, that check was 0.22 ms of the page's 1.85 ms of CPU in-process
(issue 17's benchmark). Neither Django nor psycopg has a cheaper check; psycopg's pool does none by default.

What the socket tells: a connection that the server closed or is closing while it sat idle between requests
(a restart, ``pg_terminate_backend``, an idle timeout, a proxy dropping it) always leaves something to read
on its socket: the server's error message, or the end of the stream. So when libpq says the connection is
good and idle and the socket has nothing to read, the check passes without a round trip; in every other case
Django's own check runs (``SELECT 1``, closing the connection when it fails), and so it does after an error
(``close_if_unusable_or_obsolete``). What the socket cannot tell, a network path that died without a word,
``SELECT 1`` could not tell sooner either: both wait for TCP to give up.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
            and self._quiet()
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def _quiet(self) -> bool:
        """Whether the connection is good, idle and has nothing waiting on its socket."""
        if not base.is_psycopg3:
            return False
        from psycopg import pq

        connection = self.connection
        try:
            if (
                connection.closed
                or connection.info.status != pq.ConnStatus.OK
                or connection.info.transaction_status != pq.TransactionStatus.IDLE
            ):
                return False
            poll = select.poll()
            poll.register(connection.fileno(), select.POLLIN | select.POLLPRI)
            return not poll.poll(0)  # readable, hung up or in error: ask the server
        except (OSError, ValueError, base.Database.Error):
            return False
