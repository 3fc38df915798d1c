"""How users log in, and why permissions are not read from the database.

Samskab's rights are rules (``rules`` predicates in each app's permissions.py),
read by ``rules.permissions.ObjectPermissionBackend``; the administrator is a
superuser. Django's model permissions (the auth_permission tables) give no
right in Samskab, yet ModelBackend read them on the first ``has_perm`` of every
request: two queries a page for nothing. This backend logs in as allauth's does
(username or e-mail and password) and answers that no user has such permissions.

The user of each request is read with their person record (one query, not two):
every page shows the person's name.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend

from .models import User


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        try:
            user = User.objects.select_related("person").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

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
