import pytest

from .oidc_provider import PROVIDER, configure, serve


@pytest.fixture(scope="module")
def provider_server():
    """The test OpenID Connect provider on the loopback interface (oidc_provider.py)."""
    server = serve()
    yield PROVIDER
    server.shutdown()
    server.server_close()


@pytest.fixture
def oidc_provider(provider_server, settings):
    return configure(settings, provider_server)
