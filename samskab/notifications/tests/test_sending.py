import smtplib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from samskab.notifications.models import Notification, NotificationSetting
from samskab.notifications.services import notify, notify_email
from samskab.notifications.tasks import send_daily_digests, send_notification, send_pending

Frequency = NotificationSetting.Frequency
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class DownMailServer(BaseEmailBackend):
    """A mail server that refuses every e-mail."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 Try again later")


def tell(users, *, subject="Din idé har fået svar", url="/ideer/7/"):
    return notify(users=users, subject=subject, body=f"Om: {subject}", url=url)


def test_immediate_user_gets_one_email_per_notification(
    make_user, mailoutbox, django_capture_on_commit_callbacks
):
    alice = make_user("alice")  # no setting yet: immediate
    with django_capture_on_commit_callbacks(execute=True):
        tell([alice], subject="Første")
        tell([alice], subject="Anden")
    assert [mail.subject for mail in mailoutbox] == ["Samskab: Første", "Samskab: Anden"]
    assert all(mail.to == ["alice@example.dk"] for mail in mailoutbox)
    body = mailoutbox[0].body
    assert "Om: Første" in body
    assert "https://samskab.example.dk/ideer/7/" in body
    assert "https://samskab.example.dk/notifikationer/" in body  # why, and where to change it
    assert not Notification.objects.filter(sent_at__isnull=True).exists()


def test_nothing_is_sent_before_the_callers_transaction_commits(
    make_user, mailoutbox, django_capture_on_commit_callbacks
):
    alice = make_user("alice")
    with django_capture_on_commit_callbacks() as callbacks:
        tell([alice])
    assert mailoutbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1


def test_a_rolled_back_action_sends_nothing(
    make_user, mailoutbox, django_capture_on_commit_callbacks
):
    alice = make_user("alice")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        tell([alice])
        transaction.set_rollback(True)
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_daily_user_gets_one_digest_with_everything(
    make_user, mailoutbox, django_capture_on_commit_callbacks
):
    bob = make_user("bob", Frequency.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        tell([bob], subject="Idé om cykelparkering", url="/ideer/1/")
        tell([bob], subject="Idé om skolemad", url="/ideer/2/")
    assert mailoutbox == []
    assert Notification.objects.filter(user=bob, digest=True, sent_at__isnull=True).count() == 2

    assert send_daily_digests.call() == 1
    (mail,) = mailoutbox
    assert mail.to == ["bob@example.dk"]
    assert mail.subject.startswith("Samskab: ")
    assert "Idé om cykelparkering" in mail.body
    assert "Idé om skolemad" in mail.body
    assert "https://samskab.example.dk/ideer/1/" in mail.body
    assert "https://samskab.example.dk/ideer/2/" in mail.body
    assert mail.body.index("cykelparkering") < mail.body.index("skolemad")  # oldest first
    assert not Notification.objects.filter(sent_at__isnull=True).exists()

    assert send_daily_digests.call() == 0  # nothing twice
    assert len(mailoutbox) == 1


def test_each_daily_user_gets_their_own_digest(make_user, mailoutbox):
    bob = make_user("bob", Frequency.DAILY)
    carl = make_user("carl", Frequency.DAILY)
    tell([bob, carl], subject="Til begge")
    tell([carl], subject="Kun til Carl")
    assert send_daily_digests.call() == 2
    by_address = {mail.to[0]: mail.body for mail in mailoutbox}
    assert "Kun til Carl" not in by_address["bob@example.dk"]
    assert "Kun til Carl" in by_address["carl@example.dk"]
    assert "Til begge" in by_address["carl@example.dk"]


def test_user_who_chose_never_gets_nothing(
    make_user, mailoutbox, django_capture_on_commit_callbacks
):
    dora = make_user("dora", Frequency.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        assert tell([dora]) == []
    assert send_daily_digests.call() == 0
    assert send_pending.call() == 0
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_daily_user_who_switches_to_never_gets_no_digest(make_user, mailoutbox):
    bob = make_user("bob", Frequency.DAILY)
    tell([bob])
    NotificationSetting.objects.filter(user=bob).update(frequency=Frequency.NONE)
    assert send_daily_digests.call() == 0
    assert mailoutbox == []


def test_inactive_users_users_without_email_and_none_are_skipped(make_user):
    alice = make_user("alice")
    made = tell(
        [
            alice,
            alice,  # once each, even if named twice
            None,
            make_user("ex", is_active=False),
            make_user("noaddress", email=""),
            make_user("broken", email="ikke en adresse"),
        ]
    )
    assert [notification.user for notification in made] == [alice]


def test_notify_stores_many_recipients_in_a_fixed_number_of_queries(
    make_user, django_assert_num_queries
):
    users = [make_user(f"u{i}", Frequency.DAILY if i % 2 else None) for i in range(20)]
    with django_assert_num_queries(2):  # the settings, one insert
        made = tell(users)
    assert len(made) == 20
    assert sum(notification.digest for notification in made) == 10


def test_a_subject_is_one_line_and_the_url_a_path(make_user):
    alice = make_user("alice")
    (made,) = tell([alice], subject="Linje et\nBcc: spam@example.com")
    assert made.subject == "Linje et Bcc: spam@example.com"
    with pytest.raises(ValueError, match="path"):
        tell([alice], url="https://evil.example.com/")
    with pytest.raises(ValueError, match="path"):
        tell([alice], url="//evil.example.com/")


def test_mail_server_failure_keeps_notification_and_does_not_raise(
    make_user, mailoutbox, settings, django_capture_on_commit_callbacks
):
    alice = make_user("alice")
    settings.EMAIL_BACKEND = f"{__name__}.DownMailServer"
    with django_capture_on_commit_callbacks(execute=True):
        (made,) = tell([alice], subject="Vigtigt")  # does not raise
    made.refresh_from_db()
    assert made.sent_at is None
    assert made.attempts == 1
    assert send_pending.call() == 0  # still down
    made.refresh_from_db()
    assert made.attempts == 2

    settings.EMAIL_BACKEND = LOCMEM
    assert send_pending.call() == 1
    assert [mail.subject for mail in mailoutbox] == ["Samskab: Vigtigt"]
    made.refresh_from_db()
    assert made.sent_at is not None
    assert made.attempts == 2
    assert send_pending.call() == 0  # sent once, not again
    assert len(mailoutbox) == 1


def test_send_pending_gives_up_after_five_attempts(make_user, mailoutbox):
    (made,) = tell([make_user("alice")])
    Notification.objects.filter(pk=made.pk).update(attempts=5)
    assert send_pending.call() == 0
    assert mailoutbox == []


def test_send_pending_sends_notifications_whose_task_was_lost(make_user, mailoutbox):
    tell([make_user("alice")], subject="Ny")
    (old,) = tell([make_user("bob")], subject="Gammel")
    # Neither was ever tried (no on_commit callbacks ran); a fresh one may still be queued.
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert send_pending.call() == 1
    assert [mail.subject for mail in mailoutbox] == ["Samskab: Gammel"]


def test_send_pending_leaves_digest_notifications_to_the_digest(make_user, mailoutbox):
    (made,) = tell([make_user("bob", Frequency.DAILY)])
    Notification.objects.filter(pk=made.pk).update(
        attempts=1, created_at=timezone.now() - timedelta(days=1)
    )
    assert send_pending.call() == 0
    assert mailoutbox == []


def test_a_failed_digest_is_sent_on_the_next_run(make_user, mailoutbox, settings):
    bob = make_user("bob", Frequency.DAILY)
    tell([bob], subject="En")
    tell([bob], subject="To")
    settings.EMAIL_BACKEND = f"{__name__}.DownMailServer"
    assert send_daily_digests.call() == 0
    assert list(Notification.objects.values_list("attempts", "sent_at")) == [(1, None), (1, None)]

    settings.EMAIL_BACKEND = LOCMEM
    assert send_daily_digests.call() == 1
    assert "En" in mailoutbox[0].body
    assert "To" in mailoutbox[0].body


def test_a_notification_already_sent_is_not_sent_again(make_user, mailoutbox):
    (made,) = tell([make_user("alice")])
    assert send_notification.call(made.pk) is True
    assert send_notification.call(made.pk) is False
    assert len(mailoutbox) == 1


def test_anonymous_submitter_is_told_right_away(db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = notify_email(
            email=" freja@example.dk ",
            subject="Tak for din idé",
            body="Vi har modtaget din idé.",
            url="/ideer/3/",
        )
    assert made.user is None
    assert made.digest is False
    (mail,) = mailoutbox
    assert mail.to == ["freja@example.dk"]
    assert mail.subject == "Samskab: Tak for din idé"
    assert "Vi har modtaget din idé." in mail.body
    assert "https://samskab.example.dk/ideer/3/" in mail.body
    assert "/notifikationer/" not in mail.body  # no account, so no settings page to send them to
    made.refresh_from_db()
    assert made.sent_at is not None


def test_anonymous_notification_survives_a_mail_server_failure(
    db, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.DownMailServer"
    with django_capture_on_commit_callbacks(execute=True):
        made = notify_email(email="freja@example.dk", subject="Tak", body="Modtaget.", url="")
    made.refresh_from_db()
    assert (made.sent_at, made.attempts) == (None, 1)
    settings.EMAIL_BACKEND = LOCMEM
    assert send_pending.call() == 1
    assert mailoutbox[0].to == ["freja@example.dk"]


def test_anonymous_notification_needs_a_valid_address(db):
    with pytest.raises(ValidationError):
        notify_email(email="ikke en adresse", subject="Tak", body="Modtaget.", url="")
    assert not Notification.objects.exists()


def test_management_commands_send_digests_and_retries(make_user, mailoutbox, capsys):
    tell([make_user("bob", Frequency.DAILY)], subject="Til digest")
    (retry,) = tell([make_user("alice")], subject="Til genforsøg")
    Notification.objects.filter(pk=retry.pk).update(attempts=1)

    call_command("send_digests")
    call_command("send_pending_notifications")

    assert sorted(mail.to[0] for mail in mailoutbox) == ["alice@example.dk", "bob@example.dk"]
    output = capsys.readouterr().out
    assert "1" in output
