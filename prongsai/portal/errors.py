"""The error pages: in the site's layout and the reader's language, never Django's bare English ones.

Django's own handlers render ``404.html`` etc. with a context that has neither the request nor the words to
say; these handlers give the one template (``portal/error.html``) what it needs. The 500 handler must not
fail in turn (the database may be what broke), so it falls back to plain text.
"""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token


def _texts(status: int) -> tuple[str, str]:
    return {
        400: (_("คำขอไม่ถูกต้อง"), _("ระบบอ่านคำขอนี้ไม่ได้ โปรดกลับไปหน้าก่อนแล้วลองใหม่อีกครั้ง")),
        403: (
            _("ไม่มีสิทธิ์เข้าถึงหน้านี้"),
            _("บัญชีของคุณไม่มีบทบาทที่ใช้หน้านี้ได้ หากเห็นว่าควรมีสิทธิ์ โปรดติดต่อผู้ประสานงานของหน่วยงาน"),
        ),
        404: (
            _("ไม่พบหน้าที่ต้องการ"),
            _("ที่อยู่นี้ไม่มีอยู่ หรือข้อมูลถูกย้ายหรือถอนการเผยแพร่แล้ว โปรดตรวจสอบที่อยู่ หรือค้นหาจากหน้าแรก"),
        ),
        500: (
            _("ระบบขัดข้องชั่วคราว"),
            _("ขออภัย ระบบทำงานผิดพลาด เจ้าหน้าที่ได้รับแจ้งแล้ว ข้อมูลที่คุณส่งก่อนหน้านี้ไม่สูญหาย โปรดลองใหม่ภายหลัง"),
        ),
    }[status]


def _render(request, status: int):
    heading, explanation = _texts(status)
    context = {
        "status": status,
        "heading": heading,
        "explanation": explanation,
        "staff": request.path.startswith("/staff/"),
    }
    return render(request, "portal/error.html", context, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _render(request, 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return _render(request, 403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return _render(request, 404)


@requires_csrf_token
def server_error(request):
    try:
        return _render(request, 500)
    except Exception:  # the page itself failed (the database, a template): say it plainly
        return HttpResponseServerError(
            _("ระบบขัดข้องชั่วคราว โปรดลองใหม่ภายหลัง"), content_type="text/plain; charset=utf-8"
        )
