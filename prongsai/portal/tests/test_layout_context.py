"""What every page's layout is given: messages only where a message can be, the menu's addresses."""

from django.contrib import messages as django_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory
from django.utils.functional import empty

from prongsai.portal.context import messages
from prongsai.portal.middleware import LazyMessageMiddleware


def _request(**cookies):
    request = RequestFactory().get("/pathumwan/")
    request.COOKIES.update(cookies)
    SessionMiddleware(lambda r: None).process_request(request)
    LazyMessageMiddleware(lambda r: None).process_request(request)
    return request


def test_a_page_without_cookies_shows_no_messages_and_opens_no_storage(db):
    request = _request()
    assert list(messages(request)["messages"]) == []
    assert request._messages._wrapped is empty  # neither the cookie nor the session was read


def test_a_message_the_view_added_or_one_waiting_in_a_cookie_or_the_session_is_shown(db):
    request = _request()
    django_messages.success(request, "บันทึกแล้ว")
    assert [str(m) for m in messages(request)["messages"]] == ["บันทึกแล้ว"]
    # One left by the previous request in the messages cookie (a redirect after a form).
    earlier = _request()
    response = type(
        "R", (), {"cookies": {}, "set_cookie": lambda self, k, v, **kw: self.cookies.__setitem__(k, v)}
    )()
    storage = CookieStorage(earlier)
    storage.add(20, "ส่งคำขอแล้ว")
    storage.update(response)
    later = _request(**{CookieStorage.cookie_name: response.cookies[CookieStorage.cookie_name]})
    assert [str(m) for m in messages(later)["messages"]] == ["ส่งคำขอแล้ว"]
    signed_in = _request(sessionid="abc")
    assert messages(signed_in)["messages"] != ()  # the session may hold some: the storage is asked


def test_the_agency_menu_links_home_every_public_section_and_search(world, client):
    page = client.get("/pathumwan/").content.decode()
    menu = page.split('<ul class="nav-links">', 1)[1].split("</ul>", 1)[0]
    assert menu.count("<li>") >= 3
    assert (
        '<li><a href="/pathumwan/">หน้าแรก</a></li>' in menu
        and '<a href="/pathumwan/search/">ค้นหา</a>' in menu
    )
    english = client.get("/pathumwan/", headers={"cookie": "django_language=en"}).content.decode()
    assert '<a href="/pathumwan/search/">Search</a>' in english
