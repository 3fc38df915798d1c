"""How users log in, and why permissions are not read from the database.

Samskab's rights are rules (``rules`` predicates in each app's permissions.py),
read by ``rules.permissions.ObjectPermissionBackend``; the administrator is a
superuser. Django's model permissions (the auth_permission tables) give no
right in Samskab, yet ModelBackend read them on the first ``has_perm`` of every
request: two queries a page for nothing. This backend logs in as allauth's does
(username or e-mail and password) and answers that no user has such permissions.

The user of each request, with their person record and the names of their role
groups (every page shows the person's name; the menu asks the roles), is kept in the
cache until the accounts or the organisation change (``core.freshness``): a request
reads it with no query. A change to the user, their groups or their person (a role
taken away, a password changed, the user deactivated) moves those versions on, so
the next request reads the user from the database again.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.conf import settings
from django.core.cache import cache

from samskab.core import fragments, freshness

from .models import User


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        if not settings.SAMSKAB_CACHE_REQUEST_USER:
            user = self._read(user_id)
        else:
            key = f"samskab:user:{user_id}:{freshness.stamp('accounts', 'organisation')}"
            user = cache.get(key)
            if user is None:
                user = self._read(user_id)
                if user is not None:
                    cache.set(key, user, fragments.TIMEOUT)
        return user if user is not None and self.user_can_authenticate(user) else None

    @staticmethod
    def _read(user_id):
        user = User.objects.select_related("person").filter(pk=user_id).first()
        if user is not None:
            user._group_names_cache = set(user.groups.values_list("name", flat=True))
        return user

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return False

    def has_module_perms(self, user_obj, app_label) -> bool:
        return False
