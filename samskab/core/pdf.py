"""PDF files made on the server from a page's own HTML, by WeasyPrint, with its print CSS.

The page's stylesheets, fonts and images are Samskab's static files, read from
the file system (the collected files in production, the apps' static folders in
development). WeasyPrint asks for nothing else: every other address, on this
site or any other, is refused, so that making a PDF never reaches the network,
a CDN or a file outside the static files. ``data:`` addresses inside the
stylesheets are decoded in memory.

WeasyPrint needs Pango and HarfBuzz from the operating system (README: set-up);
it is imported only when a PDF is made, so that the rest of Samskab runs without
them.
"""

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

# WeasyPrint takes the next source of an @font-face whose file it cannot have: skipping
# WOFF2 (and EOT, which it cannot read) it takes the WOFF beside it, which it unpacks
# in a fraction of the time (seconds per PDF with DKFDS's seven faces).
SKIPPED_FONT_FORMATS = {".woff2", ".eot"}


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs are missing on this server."""


def static_path(url: str, *, base_url: str) -> Path | None:
    """The file behind ``url`` if it is one of Samskab's static files on this site, else None."""
    prefix = urljoin(base_url, settings.STATIC_URL)
    wanted, site = urlsplit(url), urlsplit(prefix)
    if (wanted.scheme, wanted.netloc) != (site.scheme, site.netloc):
        return None
    if not wanted.path.startswith(site.path):
        return None
    name = posixpath.normpath(unquote(wanted.path[len(site.path) :]))
    if name.startswith(("/", "..")) or name in ("", "."):
        return None
    candidates = []
    if staticfiles_storage.exists(name):  # collected (and, in production, hashed) files
        candidates.append(Path(staticfiles_storage.path(name)))
    if found := finders.find(name):  # development: the apps' own static folders
        candidates.append(Path(found))
    return next((path for path in candidates if path.is_file()), None)


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        """Samskab's static files from the file system; ``data:`` in memory; nothing else."""

        def __init__(self, base_url: str):
            super().__init__(allowed_protocols={"data"}, allow_redirects=False)
            self.base_url = base_url

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = static_path(url, base_url=self.base_url)
            if path is not None and path.suffix in SKIPPED_FONT_FORMATS:
                raise ValueError(f"Font format not used for PDF files: {url}")
            if path is None:
                raise ValueError(f"Not one of Samskab's static files: {url}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticFilesFetcher


def render(html: str, *, base_url: str):
    """``html`` laid out on A4 pages as printed (media ``print``): a WeasyPrint document.

    Its links resolve against ``base_url``, the site's address. Tests read its pages.
    """
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: Pango or HarfBuzz missing
        raise PdfUnavailable(str(error)) from error
    fetcher = _fetcher_class()(base_url)
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()


def html_to_pdf(html: str, *, base_url: str) -> bytes:
    """The PDF of ``html`` as printed."""
    return render(html, base_url=base_url).write_pdf()
