import pytest
from django.test import RequestFactory

from samskab.core.redirects import safe_next


@pytest.mark.parametrize(
    ("next_url", "goes_to"),
    [
        ("/ideer/?q=skole", "/ideer/?q=skole"),
        ("http://testserver/ideer/", "http://testserver/ideer/"),
        ("https://evil.example/", "/"),
        ("//evil.example/ideer/", "/"),
        ("javascript:alert(1)", "/"),
        ("http://testserver.evil.example/", "/"),
        ("", "/"),
    ],
)
def test_safe_next_follows_only_addresses_of_this_site(db, next_url, goes_to):
    assert safe_next(RequestFactory().post("/", {"next": next_url}), "core:home") == goes_to
    assert safe_next(RequestFactory().get("/", {"next": next_url}), "core:home") == goes_to


def test_on_https_safe_next_does_not_step_down_to_http(db):
    request = RequestFactory().get("/", {"next": "http://testserver/ideer/"}, secure=True)
    assert safe_next(request, "ideas:idea-detail", pk=7) == "/ideer/7/"
    request = RequestFactory().get("/", {"next": "https://testserver/ideer/"}, secure=True)
    assert safe_next(request, "core:home") == "https://testserver/ideer/"
