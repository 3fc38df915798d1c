from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import ngettext

from . import services
from .models import User
from .queries import content_of


@admin.register(User)
class SamskabUserAdmin(UserAdmin):
    """Django's user admin, except that a user with content in Samskab is deactivated, not deleted.

    Deleting such a user would drop their supports without lowering the ideas' counts
    and leave their name and e-mail address on what they wrote; until Samskab can erase
    a person's data, the admin refuses, says why and what to do instead.
    """

    change_form_template = "admin/accounts/user/change_form.html"
    actions = ["deactivate"]

    def _content(self, user: User) -> list[str]:
        if not hasattr(user, "_samskab_content"):
            user._samskab_content = content_of([user]).get(user.pk, [])
        return user._samskab_content

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and self._content(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        user = self.get_object(request, unquote(object_id))
        if user is not None and self._content(user):
            self.message_user(
                request,
                services.deletion_refusal([user], {user.pk: self._content(user)}),
                messages.ERROR,
            )
            return redirect(reverse("admin:accounts_user_change", args=[user.pk]))
        return super().delete_view(request, object_id, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self._content(obj):
            context["deletion_refusal"] = services.deletion_refusal(
                [obj], {obj.pk: self._content(obj)}
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def delete_model(self, request, obj) -> None:
        services.user_delete(user=obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset) -> None:
        for user in queryset:
            services.user_delete(user=user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _function, name, description = actions["delete_selected"]
            actions["delete_selected"] = (delete_selected_without_content, name, description)
        return actions

    @admin.action(description=services.DEACTIVATE_ACTION, permissions=["change"])
    def deactivate(self, request, queryset) -> None:
        changed = services.users_deactivate(users=queryset)
        message = ngettext(
            "%(count)d user is deactivated.", "%(count)d users are deactivated.", changed
        )
        self.message_user(request, message % {"count": changed}, messages.SUCCESS)


def delete_selected_without_content(modeladmin, request, queryset):
    """Django's “Delete selected”, refused with the reason when a user has content."""
    content = content_of(queryset)
    if content:
        refused = [user for user in queryset if user.pk in content]
        modeladmin.message_user(
            request, services.deletion_refusal(refused, content), messages.ERROR
        )
        return None
    return delete_selected(modeladmin, request, queryset)
