import rules


@rules.predicate
def is_staff_user(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


rules.add_perm("core.use_admin", is_staff_user)
