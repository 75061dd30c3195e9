"""PDF through WeasyPrint, with a clear message when the server lacks its system libraries.

WeasyPrint needs Pango from the operating system (Debian: libpango-1.0-0, libpangoft2-1.0-0)
and fonts with Vietnamese letters (fonts-liberation2, fonts-dejavu-core). Without them the
import fails; the user gets this message instead of a server error.
"""

from __future__ import annotations

from typing import IO

from django.utils.translation import gettext as _


class PdfUnavailable(RuntimeError):
    """The server cannot write PDF files (WeasyPrint or its system libraries are missing)."""


def html_to_pdf(html: str, target: str | IO[bytes] | None = None) -> bytes | None:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:
        raise PdfUnavailable(
            _(
                "Máy chủ chưa cài đủ thư viện để xuất PDF (Pango và phông chữ tiếng Việt). "
                "Hãy báo quản trị hệ thống cài: apt-get install libpango-1.0-0 "
                "libpangoft2-1.0-0 fonts-liberation2 fonts-dejavu-core. Bản Word vẫn tải được."
            )
        ) from error
    return HTML(string=html).write_pdf(target)
