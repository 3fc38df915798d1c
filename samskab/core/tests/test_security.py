import io
import logging

import pytest
from django.test import RequestFactory

from samskab.accounts import roles
from samskab.core.ratelimit import client_ip
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


# Response headers and the log ------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/ideer/", "/findes-ikke/", "/was", "/healthz", "/admin/"])
def test_every_response_switches_off_the_browser_features_samskab_does_not_use(client, db, path):
    policy = client.get(path)["Permissions-Policy"]
    features = dict(item.strip().split("=") for item in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


@pytest.fixture
def console_log():
    """What the console handler (the production log) writes while the test runs."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def test_a_refused_request_logs_one_line_without_a_traceback(client, personas, console_log):
    client.force_login(personas[roles.BORGER])
    assert client.get("/personer/ny/").status_code == 403
    assert console_log.getvalue().splitlines() == ["Forbidden (Permission denied): /personer/ny/"]


def test_a_request_for_a_foreign_host_logs_one_line(client, db, console_log):
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    [line] = console_log.getvalue().splitlines()
    assert line.startswith("Invalid HTTP_HOST header: 'evil.example'.")


def test_a_server_error_still_logs_its_traceback(console_log):
    try:
        raise RuntimeError("broken")
    except RuntimeError:
        logging.getLogger("django.request").exception(
            "Internal Server Error: /", extra={"status_code": 500}
        )
    log = console_log.getvalue()
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: broken" in log


# The client's address, for rate limits -----------------------------------------------------


def address(settings, proxies: int, **meta) -> str:
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    return client_ip(RequestFactory().get("/", **meta))


def test_the_client_address_is_the_one_the_trusted_proxy_saw(settings):
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.9, 203.0.113.5"}
    assert address(settings, 0, **meta) == "10.0.0.1"
    assert address(settings, 1, **meta) == "203.0.113.5"
    assert address(settings, 2, **meta) == "192.0.2.9"
    assert address(settings, 1, REMOTE_ADDR="10.0.0.1") == "10.0.0.1"  # reached directly


def test_an_ipv6_client_is_counted_by_its_network(settings):
    assert address(settings, 0, REMOTE_ADDR="2001:db8::1") == "2001:db8::"
    assert address(settings, 0, REMOTE_ADDR="2001:db8::ffff:1") == "2001:db8::"
    assert address(settings, 0, REMOTE_ADDR="2001:db8:0:1::1") == "2001:db8:0:1::"
