"""Pictures: PNG of PDF pages (previews, infographics, drawn by poppler's pdftoppm), and uploaded photos
cleaned of their metadata."""

import io
import shutil
import subprocess


class PdfToPngError(RuntimeError):
    pass


def pdf_to_png(pdf_bytes: bytes, page: int = 1, dpi: int = 96) -> bytes:
    """One page of ``pdf_bytes`` as PNG bytes; 96 dpi gives an A4 page about 794 pixels wide.

    The PDF goes in through stdin and the PNG comes out on stdout: no temporary files, no shell.
    """
    if page < 1 or not 10 <= dpi <= 600:
        raise ValueError("page starts at 1 and dpi must be between 10 and 600")
    executable = shutil.which("pdftoppm")
    if executable is None:
        raise PdfToPngError("pdftoppm is not installed (Debian package poppler-utils)")
    result = subprocess.run(  # a fixed executable, no shell, and the arguments are numbers
        [executable, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile"],
        input=pdf_bytes,
        capture_output=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0 or not result.stdout.startswith(b"\x89PNG"):
        raise PdfToPngError(f"pdftoppm failed: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


# --- photos people upload ----------------------------------------------------------------------------------

MAX_PIXELS = 40_000_000  # a 40-megapixel photo is the largest a phone makes; more is a decompression bomb


class ImageRefused(ValueError):
    """The picture cannot be read, or would expand too far (the message says which, in Thai)."""


def clean_image(data: bytes, fmt: str) -> bytes:
    """A JPEG or PNG drawn again from its pixels, with nothing else: no EXIF (GPS position, camera, owner),
    no comments or XMP, turned upright first as the camera said. What the public sees of a photo is this."""
    from django.utils.translation import gettext as _
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ImageRefused(_("ภาพใหญ่เกินไป (เกิน ๔๐ ล้านพิกเซล)"))
            image = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if fmt == "png":
                image.save(out, "PNG", optimize=True)
            else:
                image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    except ImageRefused:
        raise
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageRefused(_("อ่านไฟล์ภาพนี้ไม่ได้")) from exc
    return out.getvalue()
