"""Django's PostgreSQL backend, with a health check that asks the socket before it asks the server.

Why: with ``CONN_HEALTH_CHECKS`` (connections kept per worker, see settings.py) Django sends ``SELECT 1``
before the first query of every request on a kept connection. On the tracking page, the most visited page
of the e-service and one that reads two rows, that check was 0.22 ms of the page's 1.85 ms of CPU in-process
(issue 17's benchmark). Neither Django nor psycopg has a cheaper check; psycopg's pool does none by default.

What the socket tells: a connection that the server closed or is closing (a restart, ``pg_terminate_backend``,
an idle timeout, pgbouncer dropping it) leaves something to read on its socket: the server's message, or the
end of the stream. What it cannot tell is a server that vanished without a word (a failover that moved its
address, a host that rebooted, a NAT that forgot the connection): there only a round trip meets the reset,
and Django's ``SELECT 1`` would replace the connection before the request's own query failed. So the socket
is trusted only for a connection that ran a query within the last ``QUIET_SECONDS`` (under load, where the
round trip costs, a worker's connection is used every few milliseconds), and only when libpq says it is
good and idle and the socket has nothing to read. Every other case gets Django's own check (``SELECT 1``,
closing the connection when it fails), and so does a connection after an error
(``close_if_unusable_or_obsolete``). A server that vanishes within that second costs at most the one request
that follows on each worker, as it costs the requests already under way.
"""

from __future__ import annotations

import select
import time

from django.db.backends.postgresql import base

QUIET_SECONDS = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    _used_at = 0.0  # when this connection last made a cursor (monotonic): its last query, near enough

    def create_cursor(self, name=None):
        self._used_at = time.monotonic()
        return super().create_cursor(name)

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
            and time.monotonic() - self._used_at < QUIET_SECONDS
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
