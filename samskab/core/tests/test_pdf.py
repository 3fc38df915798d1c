"""PDF files from Samskab's HTML: static files from the file system, nothing from the network."""

import socket

import pytest
from django.contrib.staticfiles import finders

from samskab.core import pdf

BASE = "http://testserver/"


def test_a_static_file_of_the_site_is_read_from_the_file_system():
    path = pdf.static_path("http://testserver/static/css/samskab.css", base_url=BASE)

    assert path is not None and path.samefile(finders.find("css/samskab.css"))


@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.example.com/static/css/samskab.css",  # another site
        "https://testserver/static/css/samskab.css",  # another scheme
        "http://testserver/media/ideer/a.pdf",  # uploaded files
        "http://testserver/static/../samskab/settings.py",
        "http://testserver/static/%2e%2e/samskab/settings.py",
        "http://testserver/static/css/missing.css",
        "http://testserver/static/",
        "file:///etc/passwd",
    ],
)
def test_anything_but_a_static_file_is_refused(url):
    assert pdf.static_path(url, base_url=BASE) is None


def test_making_a_pdf_never_reaches_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("The PDF tried to reach the network.")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    html = (
        '<html lang="da"><head><link rel="stylesheet" href="/static/css/samskab.css">'
        '<link rel="stylesheet" href="https://cdn.example.com/style.css"></head>'
        '<body><h1>Rapport</h1><img src="http://example.com/logo.png" alt="">'
        '<img src="/static/img/kommune-logo.svg" alt="Logo">'
        '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E" alt="">'
        "</body></html>"
    )

    content = pdf.html_to_pdf(html, base_url=BASE)

    assert content.startswith(b"%PDF-")


def test_the_fetcher_serves_static_files_and_data_and_refuses_the_rest():
    fetcher = pdf._fetcher_class()(BASE)

    css = fetcher.fetch("http://testserver/static/css/samskab.css")
    assert css.content_type == "text/css" and b"@media print" in css.read()
    data = fetcher.fetch("data:text/plain,hej")
    assert data.read() == b"hej"
    for url in ("http://example.com/x.png", "https://testserver/static/css/samskab.css"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    with pytest.raises(ValueError):  # WeasyPrint takes the WOFF beside a WOFF2
        fetcher.fetch(
            "http://testserver/static/vendor/dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2"
        )
