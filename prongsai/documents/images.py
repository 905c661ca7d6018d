"""PNG pictures of PDF pages, for previews and infographics, drawn by poppler's pdftoppm."""

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
