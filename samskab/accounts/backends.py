"""How users log in, and why permissions are not read from the database.

Samskab's rights are rules (``rules`` predicates in each app's permissions.py),
read by ``rules.permissions.ObjectPermissionBackend``; the administrator is a
superuser. Django's model permissions (the auth_permission tables) give no
right in Samskab, yet ModelBackend read them on the first ``has_perm`` of every
request: two queries a page for nothing. This backend logs in as allauth's does
(username or e-mail and password) and answers that no user has such permissions.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend


class AuthenticationBackend(AllauthBackend):
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
