"""Filing complaints the way a browser does: the form's challenge, the work done, the fields posted."""

from __future__ import annotations

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.integrity import proof

CLIENT_ADDRESS = "203.0.113.77"
CLIENT_AGENT = "Mozilla/5.0 (Linux; Android 13) WhistleTest/9.9.1"
CLIENT_REFERER = "https://news.example.org/story-about-pathumwan"


def challenge_of(html: str) -> str:
    return re.search(r'name="challenge" value="([^"]+)"', html).group(1)


def png_bytes(*, exif_gps: bool = False, color=(200, 30, 30)) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (40, 30), color)
    out = io.BytesIO()
    kwargs = {}
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "WhistleCam"  # Make
        exif[0x0110] = "Model-X"  # Model
        exif[0x8825] = {1: "N", 2: (13.0, 44.0, 12.0), 3: "E", 4: (100.0, 31.0, 5.0)}  # GPS
        kwargs["exif"] = exif
        image.save(out, format="JPEG", **kwargs)
    else:
        image.save(out, format="PNG")
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def complaint_data(challenge: str, *, work: bool = True, **fields) -> dict:
    data = {
        "category": "bribery",
        "department": "",
        "who": "นายช่างผู้ตรวจแบบ",
        "what": "เจ้าหน้าที่เรียกเงิน ๕,๐๐๐ บาท เพื่อเร่งออกใบอนุญาตต่อเติมอาคาร ไม่มีใบเสร็จ",
        "when": "๓ ต.ค. ๒๕๖๕",
        "where": "ฝ่ายโยธา ชั้น ๒",
        "challenge": challenge,
        "nonce": proof.solve(challenge) if work else "",
    }
    data.update(fields)
    return data


def file_complaint(client, agency_slug="pathumwan", *, files=(), work=True, meta=None, **fields):
    """GET the form, do the work, POST it from a client with a known address and browser."""
    meta = meta or {
        "REMOTE_ADDR": CLIENT_ADDRESS,
        "HTTP_USER_AGENT": CLIENT_AGENT,
        "HTTP_REFERER": CLIENT_REFERER,
    }
    page = client.get(f"/{agency_slug}/complaints/new/", **meta)
    data = complaint_data(challenge_of(page.content.decode()), work=work, **fields)
    if files:
        data["files"] = list(files)
    return client.post(f"/{agency_slug}/complaints/new/", data, **meta)


def receipt_of(response) -> tuple[str, str]:
    html = response.content.decode()
    code = re.search(r'id="receipt-code">([^<]+)<', html).group(1)
    passphrase = re.search(r'id="receipt-passphrase">([^<]+)<', html).group(1)
    return code, passphrase
