"""What a request may write is one transaction and reads take none (agencies.middleware.AtomicWritesMiddleware);
public reads go to a read replica when one is configured (agencies/replicas.py)."""

import pytest
from django.db import connection, connections
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from prongsai.agencies.middleware import AtomicWritesMiddleware
from prongsai.agencies.models import Holiday
from prongsai.agencies.tests.factories import AgencyFactory


def _writes_then_fails(agency):
    def view(request):
        Holiday.objects.create(agency=agency, date="2023-04-13", name="วันสงกรานต์")
        raise ValueError("the second half of the work failed")

    return view


def _run(method, view):
    middleware = AtomicWritesMiddleware(lambda request: HttpResponse())
    request = getattr(RequestFactory(), method)("/staff/x/")
    return middleware.process_view(request, view, (), {})


@pytest.mark.django_db(transaction=True)
def test_a_write_that_fails_half_way_leaves_nothing():
    agency = AgencyFactory()
    with pytest.raises(ValueError):
        _run("post", _writes_then_fails(agency))
    assert not Holiday.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_read_is_left_to_django_and_a_write_runs_inside_a_transaction():
    seen = {}

    def view(request):
        seen[request.method] = connection.in_atomic_block
        return HttpResponse()

    # a GET is not called by the middleware: Django calls the view, outside any transaction
    assert _run("get", view) is None and "GET" not in seen
    assert _run("post", view).status_code == 200
    assert seen == {"POST": True}


@pytest.mark.django_db(transaction=True)
def test_a_view_marked_non_atomic_is_left_alone():
    from django.db import transaction

    @transaction.non_atomic_requests
    def view(request):
        return HttpResponse()

    assert _run("post", view) is None


# The suite's "replica" is a mirror of the test database (settings.py): the routing is what is tested.
REPLICA_DB = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def replica_on(settings):
    settings.PRONGSAI_READ_REPLICA = True
    settings.PRONGSAI_PAGE_CACHE = False  # every request reaches the database


def _queries(client, method, path, **extra):
    with CaptureQueriesContext(connections["default"]) as primary:
        with CaptureQueriesContext(connections["replica"]) as replica:
            response = getattr(client, method)(path, **extra)
    return response, len(primary), len(replica)


@REPLICA_DB
def test_public_pages_read_from_the_replica(replica_on, client):
    AgencyFactory(slug="pathumwan", name="สำนักงานเขตปทุมวัน")
    response, primary, replica = _queries(client, "get", "/pathumwan/")
    assert response.status_code == 200 and "สำนักงานเขตปทุมวัน" in response.content.decode()
    assert replica > 0 and primary == 0


@REPLICA_DB
def test_the_back_office_and_the_api_read_from_the_primary(replica_on, client):
    AgencyFactory(slug="pathumwan")
    for path in ("/staff/login/", "/api/v1/agencies"):
        response, _primary, replica = _queries(client, "get", path)
        assert response.status_code in (200, 401), path
        assert replica == 0, path


@REPLICA_DB
def test_who_just_wrote_reads_from_the_primary_for_a_moment(replica_on, client):
    AgencyFactory(slug="pathumwan")
    response, primary, replica = _queries(
        client, "post", "/i18n/setlang/", data={"language": "en", "next": "/pathumwan/"}
    )
    assert response.cookies["prongsai_primary"]["max-age"] == 15
    _response, primary, replica = _queries(client, "get", "/pathumwan/")
    assert primary > 0 and replica == 0


@REPLICA_DB
def test_without_a_replica_everything_reads_from_the_primary(settings, client):
    settings.PRONGSAI_PAGE_CACHE = False
    AgencyFactory(slug="pathumwan")
    _response, primary, replica = _queries(client, "get", "/pathumwan/")
    assert primary > 0 and replica == 0


def _client_address(settings, remote, forwarded=None):
    from prongsai.agencies.middleware import TrustedProxyMiddleware

    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    TrustedProxyMiddleware(view)(RequestFactory().get("/", **extra))
    return seen["address"]


def test_behind_the_trusted_proxy_the_clients_own_address_counts(settings):
    settings.PRONGSAI_TRUSTED_PROXIES = ["127.0.0.1"]
    assert _client_address(settings, "127.0.0.1", "203.0.113.7") == "203.0.113.7"
    # what a client wrote in the header itself is left of the address nginx added: not believed
    assert _client_address(settings, "127.0.0.1", "10.9.9.9, 203.0.113.7") == "203.0.113.7"


def test_a_forwarded_header_from_anyone_else_is_ignored(settings):
    settings.PRONGSAI_TRUSTED_PROXIES = ["127.0.0.1"]
    assert _client_address(settings, "198.51.100.2", "203.0.113.7") == "198.51.100.2"
    settings.PRONGSAI_TRUSTED_PROXIES = []
    assert _client_address(settings, "127.0.0.1", "203.0.113.7") == "127.0.0.1"
    settings.PRONGSAI_TRUSTED_PROXIES = ["127.0.0.1"]
    assert _client_address(settings, "127.0.0.1") == "127.0.0.1"


@pytest.mark.django_db
def test_five_wrong_passwords_behind_nginx_lock_out_that_client_only(settings, client):
    from prongsai.agencies.tests.factories import UserFactory

    settings.PRONGSAI_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.AXES_ENABLED = True
    UserFactory(username="somchai.officer")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/staff/login/",
            {"username": "somchai.officer", "password": "wrong-password-1"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


@REPLICA_DB
def test_a_page_read_from_a_replica_that_lags_behind_is_not_kept(settings, client, monkeypatch):
    from prongsai.portal import http_cache

    settings.PRONGSAI_READ_REPLICA = True
    AgencyFactory(slug="pathumwan")
    monkeypatch.setattr(http_cache, "database_stamp", lambda agency_id, using: 0.0)  # an older change
    client.get("/pathumwan/")
    assert "X-Cache" not in client.get("/pathumwan/")
    monkeypatch.undo()
    client.get("/pathumwan/")
    assert client.get("/pathumwan/")["X-Cache"] == "hit"


# --- the health check of a kept PostgreSQL connection (agencies/postgresql/base.py) ------------------------

ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the kept connections and their check are PostgreSQL's"
)


def _backend_pid(conn) -> int:
    with conn.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _server_asks(conn, monkeypatch) -> list:
    asked = []
    real = type(conn).is_usable
    monkeypatch.setattr(type(conn), "is_usable", lambda self: asked.append(1) or real(self))
    return asked


def _next_request(conn) -> None:
    conn.close_if_unusable_or_obsolete()  # what Django does when a request starts


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_a_healthy_kept_connection_is_reused_without_asking_the_server(monkeypatch):
    conn = connections["default"]
    assert conn.settings_dict["ENGINE"] == "prongsai.agencies.postgresql" and conn.health_check_enabled
    pid = _backend_pid(conn)
    asked = _server_asks(conn, monkeypatch)
    for _request in range(3):
        _next_request(conn)
        assert _backend_pid(conn) == pid
    assert asked == []  # no SELECT 1 before each request's first query


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_closed_between_requests_is_replaced_before_the_next_query(monkeypatch):
    import select
    import time

    from django.db.backends.postgresql.base import Database

    conn = connections["default"]
    pid = _backend_pid(conn)
    other = Database.connect(**{**conn.get_connection_params(), "autocommit": True})
    try:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])  # as a restart or an idle timeout would
    finally:
        other.close()
    poll = select.poll()
    poll.register(conn.connection.fileno(), select.POLLIN)
    deadline = time.monotonic() + 5
    while not poll.poll(50):  # until the server's goodbye reaches the socket
        assert time.monotonic() < deadline, "the terminated connection never became readable"
    asked = _server_asks(conn, monkeypatch)
    _next_request(conn)
    new_pid = _backend_pid(conn)  # the request's first query works, on a new connection
    assert new_pid != pid and asked == [1]
    assert Holiday.objects.count() == 0


class _VanishingProxy:
    """A TCP proxy in front of PostgreSQL whose server can vanish without a word, as after a failover that
    moved its address or a NAT that forgot the connection: on the connections open then, what the client
    sends next is answered by a reset and nothing arrives before that; new connections reach the server."""

    def __init__(self, upstream):
        import socket
        import threading

        self.upstream, self.gone, self.clients, self.servers = upstream, set(), [], []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        import socket
        import threading

        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            self.clients.append(client)
            self.servers.append(server)
            threading.Thread(target=self._pump, args=(client, server, client), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, None), daemon=True).start()

    def _pump(self, source, sink, client):
        import socket
        import struct

        try:
            while data := source.recv(65536):
                if client in self.gone:  # the client spoke to a host that is no longer there
                    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    client.close()
                    return
                if client is not None or sink not in self.gone:
                    sink.sendall(data)
        except OSError:
            return

    def vanish(self):
        self.gone.update(self.clients)

    def close(self):
        import contextlib
        import socket

        for sock in [self.listener, *self.clients, *self.servers]:  # the server's sessions end too
            with contextlib.suppress(OSError):  # already reset or closed
                sock.shutdown(socket.SHUT_RDWR)  # wakes the pump blocked on it (close alone does not)
            sock.close()


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_a_connection_whose_server_vanished_without_a_word_is_replaced_once_it_sat_idle():
    # The socket says nothing then; a connection idle for more than a second gets Django's SELECT 1, which
    # meets the reset and opens a new connection before the request's own query.
    from prongsai.agencies.postgresql.base import QUIET_SECONDS, DatabaseWrapper

    settings_dict = connections["default"].settings_dict
    proxy = _VanishingProxy((settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432)))
    conn = DatabaseWrapper({**settings_dict, "HOST": "127.0.0.1", "PORT": proxy.port}, alias="proxied")
    pids = []
    try:
        pids.append(_backend_pid(conn))
        proxy.vanish()
        conn._used_at -= QUIET_SECONDS + 1  # its last query more than a second ago
        _next_request(conn)
        pids.append(_backend_pid(conn))
        assert pids[1] != pids[0]
    finally:
        conn.close()
        proxy.close()
        _wait_until_ended(pids)


def _wait_until_ended(pids, seconds=10):
    # The server ends a session a moment after its socket closes; the test database is dropped after.
    import time

    deadline = time.monotonic() + seconds
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [pids])
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)
