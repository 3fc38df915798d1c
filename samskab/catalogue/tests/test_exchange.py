"""Two Samskab servers exchanging catalogues, and feeds that must be refused.

The publishing server is this very app served on the loopback interface by
pytest-django's ``live_server``; the broken feeds come from a small real HTTP server
in a thread. Every refused feed leaves what was fetched before as it was.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError

from samskab.catalogue import services
from samskab.catalogue.models import ExternalEntry, Subscription

GOOD_ENTRY = {
    "id": "robotstoevsugere",
    "url": "https://gladsaxe.example/katalog/robotstoevsugere/",
    "title": "Robotstøvsugere i hjemmeplejen",
    "problem": "Rengøring tager tid fra omsorgen.",
    "solution": "Robotstøvsugere hos borgerne.",
    "evidence_level": 3,
    "innovation_type": "service",
    "area": "Social og Sundhed",
    "degree_of_scaling": {"in_operation": 4, "targets": 5},
    "contact": {"name": "Anne", "email": "anne@gladsaxe.example", "unit": "Hjemmeplejen"},
    "licence": "CC-BY-4.0",
    "updated_at": "2026-01-05T10:00:00+01:00",
    "materials": [{"title": "Guide", "url": "https://gladsaxe.example/guide.pdf"}],
}


def document(*entries) -> dict:
    return {
        "schema": "samskab-catalogue/1",
        "publisher": {"name": "Gladsaxe Kommune", "url": "https://gladsaxe.example/katalog/"},
        "generated_at": "2026-01-05T10:00:00+01:00",
        "entries": list(entries),
    }


def _json_body(data) -> bytes:
    return json.dumps(data).encode()


RESPONSES = {
    "/good": (200, _json_body(document(GOOD_ENTRY))),
    "/error": (500, b"Internal Server Error"),
    "/invalid": (200, b'{"schema": "samskab-catalogue/1", "entries": [}'),
    "/wrong-schema": (200, _json_body({**document(GOOD_ENTRY), "schema": "other/2"})),
    "/wrong-types": (200, _json_body(document({**GOOD_ENTRY, "title": 42}))),
    "/bad-url": (200, _json_body(document({**GOOD_ENTRY, "url": "javascript:alert(1)"}))),
    "/script": (
        200,
        _json_body(document({**GOOD_ENTRY, "title": "<script>alert('x')</script>Robot"})),
    ),
}
BIG = 5 * 1024 * 1024


class FeedHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        try:
            if self.path == "/slow":
                time.sleep(2)
                status, body = RESPONSES["/good"]
            elif self.path == "/big":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                chunk = b" " * 65536
                for _ in range(BIG // len(chunk)):
                    self.wfile.write(chunk)
                return
            else:
                status, body = RESPONSES[self.path]
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading, as it should


@pytest.fixture
def feed_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def loopback(settings):
    settings.SAMSKAB_CATALOGUE_ALLOW_LOOPBACK = True
    settings.SAMSKAB_CATALOGUE_READ_TIMEOUT = 0.5
    settings.SAMSKAB_CATALOGUE_CONNECT_TIMEOUT = 1


def test_an_entry_published_on_one_samskab_appears_on_another_that_subscribes(
    live_server, transactional_db, loopback, make_entry, client
):
    entry = make_entry("Træn dig fri")
    subscription = Subscription.objects.create(
        name="Nabokommunen", feed_url=f"{live_server.url}/katalog/feed.json"
    )
    assert services.subscription_fetch(subscription=subscription) == 1
    external = ExternalEntry.objects.get(subscription=subscription)
    assert external.remote_id == entry.slug
    assert external.title == "Træn dig fri"
    assert external.url == f"{live_server.url}/katalog/{entry.slug}/"
    assert external.innovation_type == "service"
    subscription.refresh_from_db()
    assert subscription.last_fetched_at and subscription.last_error == ""
    # Shown in the catalogue, marked with the other municipality's name.
    page = client.get("/katalog/").content.decode()
    assert "Nabokommunen" in page
    # Fetched again, the entry keeps its row (and its address here).
    services.subscription_fetch(subscription=subscription)
    assert ExternalEntry.objects.get(subscription=subscription).pk == external.pk


@pytest.fixture
def fetched(db, loopback, feed_server):
    subscription = Subscription.objects.create(
        name="Gladsaxe Kommune", feed_url=feed_server + "/good"
    )
    services.subscription_fetch(subscription=subscription)
    return subscription


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/error", "HTTP-status 500"),
        ("/slow", "tide"),
        ("/invalid", "JSON"),
        ("/wrong-schema", "samskab-catalogue/1"),
        ("/wrong-types", "title"),
        ("/bad-url", "url"),
        ("/big", "MB"),
    ],
)
def test_a_broken_feed_is_refused_with_a_danish_reason_and_changes_nothing(
    fetched, feed_server, path, says
):
    before = list(ExternalEntry.objects.values_list("pk", "title", "fetched_at"))
    assert len(before) == 1
    fetched.feed_url = feed_server + path
    fetched.save()
    with pytest.raises(ValidationError):
        services.subscription_fetch(subscription=fetched)
    fetched.refresh_from_db()
    assert says in fetched.last_error
    assert list(ExternalEntry.objects.values_list("pk", "title", "fetched_at")) == before


def test_script_in_a_title_is_kept_as_text_and_escaped_on_the_page(fetched, feed_server, client):
    fetched.feed_url = feed_server + "/script"
    fetched.save()
    services.subscription_fetch(subscription=fetched)
    external = ExternalEntry.objects.get()
    assert external.title == "<script>alert('x')</script>Robot"
    for url in ("/katalog/", f"/katalog/ekstern/{external.pk}/"):
        page = client.get(url).content.decode()
        assert "<script>alert(" not in page
        assert "&lt;script&gt;alert(" in page


def test_administrator_sees_why_a_feed_was_refused(client, personas, fetched, feed_server):
    fetched.feed_url = feed_server + "/error"
    fetched.save()
    client.force_login(personas["administrator"])
    response = client.post(f"/katalog/abonnementer/{fetched.pk}/hent/", follow=True)
    assert "HTTP-status 500" in response.content.decode()


def test_a_feed_address_must_be_https(db, personas, settings):
    settings.DEBUG = False
    settings.SAMSKAB_CATALOGUE_ALLOW_LOOPBACK = False
    for url in ("http://gladsaxe.example/feed.json", "http://127.0.0.1:8000/katalog/feed.json"):
        with pytest.raises(ValidationError):
            services.subscription_add(name="X", feed_url=url, by=personas["administrator"])
    services.subscription_add(
        name="Gladsaxe", feed_url="https://gladsaxe.example/feed.json", by=personas["administrator"]
    )


def test_an_inactive_subscriptions_entries_are_not_shown(client, fetched):
    external = ExternalEntry.objects.get()
    fetched.active = False
    fetched.save()
    assert client.get(f"/katalog/ekstern/{external.pk}/").status_code == 404
    assert "Robotstøvsugere" not in client.get("/katalog/").content.decode()
