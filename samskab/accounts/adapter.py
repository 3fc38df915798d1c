"""Samskab's choices in django-allauth's login (settings: ACCOUNT_ADAPTER)."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Count failed logins per address *and* account (ACCOUNT_RATE_LIMITS["login_failed"]).

        allauth counts them per account, so five wrong passwords from anywhere
        locked the owner out too. Per address and account, guessing from one
        address stops while the owner, elsewhere, still logs in; the per-address
        limit stops one address from guessing across many accounts. The client's
        address is the one the trusted proxies saw (ALLAUTH_TRUSTED_PROXY_COUNT).
        """
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{self.get_client_ip(request)}|{account}"
