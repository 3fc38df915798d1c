"""Links e-mailed to people without an account: signed, so they cannot be guessed or altered.

A link carries a few values (the row it is about, and the e-mail address it was sent to)
signed with the site's secret key and a salt of its own per kind of link; reading it back
checks the signature and, if asked, its age. Ideas sent without an account are confirmed
this way (``ideas.services``), and so are sign-ups to events (``events.services``).
"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def sign(values: dict, *, salt: str) -> str:
    """The token of a link carrying ``values``."""
    return signing.dumps(values, salt=salt)


def unsign(token: str, *, salt: str, max_age: int | None = None, expired: str = "") -> dict:
    """The values of a token made by ``sign`` with the same salt.

    A token older than ``max_age`` seconds raises a ValidationError saying ``expired``;
    one that was altered, or made for another kind of link, says the link is not valid.
    """
    try:
        values = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ValidationError(expired or _("The link has expired.")) from error
    except signing.BadSignature as error:
        raise ValidationError(_("The link is not valid.")) from error
    if not isinstance(values, dict):
        raise ValidationError(_("The link is not valid."))
    return values
