"""What Samskab does when allauth reports something about an account.

allauth's ``email_confirmed`` is the one place every way of verifying an address
passes (the e-mailed link, a code, the admin's "mark as verified"). The receiver
only calls the service that does the work.
"""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver


@receiver(email_confirmed, dispatch_uid="samskab.accounts.attach_anonymous_ideas")
def attach_anonymous_ideas(sender, email_address, **kwargs) -> None:
    """Ideas sent without an account from the address just verified become the account's."""
    from samskab.ideas.services import ideas_attach_to_account  # ideas builds on accounts

    if email_address.verified and email_address.user.is_active:
        ideas_attach_to_account(user=email_address.user, email=email_address.email)
