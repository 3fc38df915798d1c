"""Every write to ideas, challenges, supports, comments and the status trail, with its rules."""

import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath

import rules
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.accounts.permissions import is_employee, load_groups
from samskab.accounts.queries import user_with_verified_email, verified_company
from samskab.core import freshness, signed_links
from samskab.notifications.services import notify, notify_email
from samskab.organisation.models import OrgUnit

from . import search, trail
from .models import (
    Attachment,
    Audience,
    Challenge,
    ChallengeAnswer,
    ChallengeQuestion,
    Comment,
    CommentReport,
    Follow,
    Idea,
    InternalNote,
    StatusChange,
    Support,
)

CONFIRM_SALT = "samskab.ideas.confirm"
CONFIRM_MAX_AGE = 7 * 24 * 3600
MAX_ATTACHMENTS = 5

# What may be attached, recognised by its extension AND its first bytes.
ATTACHMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (b"PK\x03\x04",),
    ),
    ".txt": ("text/plain", ()),
}


# Challenges ------------------------------------------------------------------


@transaction.atomic
def challenge_save(
    *, challenge: Challenge, questions: Sequence[ChallengeQuestion] = (), by: User
) -> Challenge:
    """Create or change a challenge and its own questions (those given replace the rest)."""
    if challenge.owner_id and challenge.owner.kind not in (
        OrgUnit.Kind.AREA,
        OrgUnit.Kind.MUNICIPALITY,
    ):
        raise ValidationError({"owner": _("A challenge is owned by an area or the municipality.")})
    if challenge.pk is None:
        challenge.created_by = by
    challenge.full_clean()
    challenge.save()
    for position, question in enumerate(questions):
        if question.kind == ChallengeQuestion.Kind.CHOICE and len(question.options()) < 2:
            raise ValidationError(
                _("The question “%(label)s” needs at least two choices, one per line.")
                % {"label": question.label}
            )
        question.challenge = challenge
        question.position = position
        question.full_clean()
        question.save()
    challenge.questions.exclude(pk__in=[q.pk for q in questions]).delete()
    return challenge


# Submitting ------------------------------------------------------------------


def check_attachment(upload: UploadedFile) -> None:
    """Refuse files of other types than those listed, files lying about their type, and big files."""
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(
            _(
                "%(name)s cannot be attached: only PDF, Word, Excel, PowerPoint, text and image files (PNG, JPEG)."
            )
            % {"name": upload.name}
        )
    if upload.size > settings.SAMSKAB_UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("%(name)s is too large: a file may be at most %(size)s.")
            % {"name": upload.name, "size": filesizeformat(settings.SAMSKAB_UPLOAD_MAX_BYTES)}
        )
    _content_type, signatures = ATTACHMENT_TYPES[extension]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if signatures and not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            _("%(name)s does not look like the kind of file its name says.") % {"name": upload.name}
        )
    if not signatures:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # a cut multi-byte character at the end is fine
                raise ValidationError(
                    _("%(name)s is not a plain text file.") % {"name": upload.name}
                ) from error


def _check_answers(challenge: Challenge | None, answers: Mapping[ChallengeQuestion, str]) -> None:
    if challenge is None:
        return
    errors = []
    for question in challenge.questions.all():
        value = (answers.get(question) or "").strip()
        if question.required and not value:
            errors.append(_("Answer the question “%(label)s”.") % {"label": question.label})
        if (
            value
            and question.kind == ChallengeQuestion.Kind.CHOICE
            and value not in question.options()
        ):
            errors.append(
                _("Choose one of the answers to “%(label)s”.") % {"label": question.label}
            )
        if value and question.kind == ChallengeQuestion.Kind.YES_NO and value not in ("yes", "no"):
            errors.append(_("Answer yes or no to “%(label)s”.") % {"label": question.label})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def idea_submit(
    *,
    idea: Idea,
    author: User | None,
    areas: Iterable[OrgUnit] = (),
    answers: Mapping[ChallengeQuestion, str] | None = None,
    attachments: Sequence[UploadedFile] = (),
    token: uuid.UUID | None = None,
) -> Idea:
    """Receive an idea. Logged-in people's ideas count at once; anonymous ones after e-mail confirmation.

    ``token`` is the one-time token of the form: the same form sent again, even at the
    same moment, returns the idea it made the first time, and nothing is sent twice.
    """
    if author is None and not idea.author_email:
        raise ValidationError(
            {"author_email": _("Give your e-mail address, so we can answer you.")}
        )
    if idea.audience == Audience.INTERNAL and not (author and is_employee(author)):
        raise ValidationError({"audience": _("Only employees can submit internal ideas.")})
    challenge = idea.challenge
    if challenge is not None:
        if not challenge.is_open():
            raise ValidationError({"challenge": _("The challenge is not open for ideas.")})
        if challenge.audience == Audience.INTERNAL and not (author and is_employee(author)):
            raise ValidationError({"challenge": _("Only employees can answer this challenge.")})
    _check_answers(challenge, answers or {})
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS}}
        )
    for upload in attachments:
        check_attachment(upload)

    now = timezone.now()
    idea.on_behalf_of_cvr = ""
    if author is not None:
        idea.author = author
        idea.author_email = author.email
        idea.author_name = author.display_name()
        idea.confirmed_at = now
        # Logged in with MitID Erhverv: the idea is on behalf of that company, verified.
        company = verified_company(author)
        if company is not None:
            idea.on_behalf_of = company.name
            idea.on_behalf_of_cvr = company.cvr
    idea.status = Idea.Status.RECEIVED
    idea.status_changed_at = now
    idea.moderation = Idea.Moderation.PENDING
    idea.submission_token = token
    idea.full_clean(exclude=["submission_token"])  # its uniqueness is the insert's: below
    try:
        with transaction.atomic():
            idea.save()
    except IntegrityError:
        # The unique token: a request with the same form committed first (or waited on).
        earlier = Idea.objects.filter(submission_token=token).first() if token else None
        if earlier is None:
            raise
        return _same_submission(earlier, idea=idea, author=author)
    idea.areas.set(areas)
    if challenge is not None:
        ChallengeAnswer.objects.bulk_create(
            ChallengeAnswer(idea=idea, question=question, value=value.strip())
            for question, value in (answers or {}).items()
            if value and value.strip()
        )
    for upload in attachments:
        original = PurePath(upload.name).name[:200]
        extension = PurePath(upload.name).suffix.lower()
        upload.name = f"{uuid.uuid4().hex}{extension}"  # never the user's file name on disk
        Attachment.objects.create(
            idea=idea,
            file=upload,
            name=original,
            content_type=ATTACHMENT_TYPES[extension][0],
            size=upload.size,
        )
    StatusChange.objects.create(
        idea=idea, status=Idea.Status.RECEIVED, code=trail.RECEIVED, created_at=now
    )
    if author is not None:
        Follow.objects.get_or_create(idea=idea, user=author)
    else:
        _send_confirmation(idea)
    transaction.on_commit(lambda: search.index_ideas([idea.pk]))
    return idea


def _same_submission(earlier: Idea, *, idea: Idea, author: User | None) -> Idea:
    """The idea a form already made, if the same person sends it again."""
    same = (
        earlier.author_id == author.pk
        if author is not None
        else earlier.author_id is None
        and earlier.author_email.casefold() == idea.author_email.casefold()
    )
    if not same:
        raise ValidationError(
            _("This form has already been sent. Open the form again to bring a new idea.")
        )
    return earlier


def confirmation_token(idea: Idea) -> str:
    return signed_links.sign({"idea": idea.pk, "email": idea.author_email}, salt=CONFIRM_SALT)


def _send_confirmation(idea: Idea) -> None:
    url = reverse("ideas:idea-confirm", kwargs={"token": confirmation_token(idea)})
    with translation.override(settings.LANGUAGE_CODE):
        notify_email(
            email=idea.author_email,
            subject=_("Confirm your idea “%(title)s”") % {"title": idea.title},
            body=_(
                "Thank you for your idea. Open the link below to confirm your e-mail address; "
                "until then the idea is not received. The link works for seven days."
            ),
            url=url,
        )


def idea_from_token(token: str) -> Idea:
    """The idea an e-mailed link is about; the link is signed, so it cannot be guessed."""
    data = signed_links.unsign(
        token,
        salt=CONFIRM_SALT,
        max_age=CONFIRM_MAX_AGE,
        expired=_("The link has expired. Submit the idea again."),
    )
    idea = Idea.objects.filter(pk=data.get("idea")).first()
    if idea is None or idea.author_email != data.get("email"):
        raise ValidationError(_("The link is not valid."))
    return idea


@transaction.atomic
def idea_confirm(*, token: str) -> Idea:
    """An anonymous submitter confirms the e-mail link: now the idea counts."""
    idea = Idea.objects.select_for_update().get(pk=idea_from_token(token).pk)
    if idea.confirmed_at is None:
        idea.confirmed_at = timezone.now()
        idea.status_changed_at = idea.confirmed_at
        idea.save(update_fields=["confirmed_at", "status_changed_at", "updated_at"])
        # Sent without logging in from an address an account has verified: the account's.
        owner = user_with_verified_email(idea.author_email)
        if owner is not None and ideas_attach_to_account(user=owner, email=idea.author_email):
            idea.refresh_from_db(fields=["author"])
    return idea


@transaction.atomic
def ideas_attach_to_account(*, user: User, email: str) -> int:
    """Give a person the ideas they sent without an account from ``email``, now theirs.

    Call only once ``user`` has verified ``email``. Only confirmed ideas count (their
    submitter opened the link sent to that address, so both are the same mailbox).
    The ideas appear in "Mine idéer", and the person follows them, as if they had been
    logged in. Returns how many ideas were attached.
    """
    ideas = list(
        Idea.objects.select_for_update()
        .filter(author__isnull=True, confirmed_at__isnull=False, author_email__iexact=email.strip())
        .values_list("pk", flat=True)
    )
    if not ideas:
        return 0
    Idea.objects.filter(pk__in=ideas).update(author=user, updated_at=timezone.now())
    Follow.objects.bulk_create(
        [Follow(idea_id=pk, user=user) for pk in ideas], ignore_conflicts=True
    )
    freshness.touch("ideas")
    return len(ideas)


# Support, follow -------------------------------------------------------------


def _refuse_closed(idea: Idea) -> None:
    if not idea.is_open_for_support:
        raise ValidationError(_("The idea is closed; support the idea it was merged into instead."))


@transaction.atomic
def idea_support(*, idea: Idea, user: User) -> bool:
    """Back an idea, once per person. Returns False if the person already did."""
    _refuse_closed(idea)
    try:
        with transaction.atomic():
            Support.objects.create(idea=idea, user=user)
    except IntegrityError:
        return False
    # The update locks the idea's row until commit, so a merge into it waits, and the
    # question below sees any merge that committed before.
    Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
    if _backs_a_merged_idea(idea, user):
        # Counted among the supports of merged ideas until now; from now on as a support.
        Idea.objects.filter(pk=idea.pk).update(merged_support_count=F("merged_support_count") - 1)
    idea.refresh_from_db(fields=["support_count", "merged_support_count"])
    return True


@transaction.atomic
def idea_unsupport(*, idea: Idea, user: User) -> bool:
    deleted, _rows = Support.objects.filter(idea=idea, user=user).delete()
    if deleted:
        Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") - 1)
        if _backs_a_merged_idea(idea, user):
            Idea.objects.filter(pk=idea.pk).update(
                merged_support_count=F("merged_support_count") + 1
            )
        if idea.merged_into_id:
            _count_merged_supports(idea.merged_into_id)
        idea.refresh_from_db(fields=["support_count", "merged_support_count"])
    return bool(deleted)


def _backs_a_merged_idea(idea: Idea, user: User) -> bool:
    return Support.objects.filter(user=user, idea__merged_into=idea).exists()


def _count_merged_supports(idea_id: int) -> None:
    """Count the people behind the ideas merged into an idea who do not support it themselves.

    A person who supported two merged ideas counts once, and one who also supports the
    idea itself is counted among its own supports only. Kept as a column so that lists
    never count supports; the support services keep it up to date between merges.
    """
    count = (
        Support.objects.filter(idea__merged_into=idea_id)
        .exclude(user__in=Support.objects.filter(idea=idea_id).values("user"))
        .values("user")
        .distinct()
        .count()
    )
    Idea.objects.filter(pk=idea_id).update(merged_support_count=count)


def idea_follow(*, idea: Idea, user: User) -> None:
    Follow.objects.get_or_create(idea=idea, user=user)


def idea_unfollow(*, idea: Idea, user: User) -> None:
    Follow.objects.filter(idea=idea, user=user).delete()


def _followers(idea: Idea, *, exclude: User | None = None):
    users = User.objects.filter(follows__idea=idea, is_active=True)
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users


# Comments ----------------------------------------------------------------------


@transaction.atomic
def comment_add(*, idea: Idea, author: User, body: str, parent: Comment | None = None) -> Comment:
    """Comment on an idea or reply to a comment (replies go one level deep)."""
    _refuse_closed(idea)
    if parent is not None and (parent.idea_id != idea.pk or parent.parent_id is not None):
        raise ValidationError(_("You can only reply to a comment on the same idea."))
    comment = Comment(idea=idea, author=author, body=body.strip(), parent=parent)
    comment.full_clean()
    comment.save()
    Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)
    Follow.objects.get_or_create(idea=idea, user=author)
    url = comment.get_absolute_url()
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New comment on “%(title)s”") % {"title": idea.title}
        text = _("%(name)s wrote:") % {"name": author.display_name()} + "\n\n" + comment.body
    notify(users=_followers(idea, exclude=author), subject=subject, body=text, url=url)
    return comment


@transaction.atomic
def comment_report(*, comment: Comment, reporter: User, reason: str) -> bool:
    """Ask the innovation unit to look at a comment. Returns False if already reported by them."""
    report = CommentReport(comment=comment, reporter=reporter, reason=reason.strip())
    report.full_clean(exclude=["comment", "reporter"])
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        return False
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    return True


@transaction.atomic
def comment_moderate(*, comment: Comment, hide: bool, reason: str, by: User) -> Comment:
    """Hide a comment (with a reason) or keep it; either way its reports are resolved."""
    if hide and not reason.strip():
        raise ValidationError(_("Give a reason for hiding the comment."))
    if hide and not comment.hidden:
        Idea.objects.filter(pk=comment.idea_id).update(comment_count=F("comment_count") - 1)
    elif not hide and comment.hidden:
        Idea.objects.filter(pk=comment.idea_id).update(comment_count=F("comment_count") + 1)
    comment.hidden = hide
    comment.hidden_reason = reason.strip() if hide else ""
    comment.save(update_fields=["hidden", "hidden_reason"])
    comment.reports.update(resolved=True)
    return comment


# The status trail --------------------------------------------------------------


def _tell_author_and_followers(
    idea: Idea, *, subject: str, body: str, exclude: User | None
) -> None:
    url = reverse("ideas:idea-detail", kwargs={"pk": idea.pk})
    notify(users=_followers(idea, exclude=exclude), subject=subject, body=body, url=url)
    if idea.author_id is None and idea.confirmed_at is not None and idea.author_email:
        # Without an account the submitter follows the idea through the signed e-mail link.
        status_url = reverse("ideas:idea-confirm", kwargs={"token": confirmation_token(idea)})
        notify_email(email=idea.author_email, subject=subject, body=body, url=status_url)


def _keep_response_times(idea: Idea, now) -> None:
    """The first status change after receipt is the first response; the first answer stays."""
    if idea.responded_at is None:
        idea.responded_at = now
    if idea.status == Idea.Status.ANSWERED and idea.answered_at is None:
        idea.answered_at = now


@transaction.atomic
def idea_change_status(
    *,
    idea: Idea,
    status: str,
    answer: str = "",
    message: str = "",
    code: str = "",
    params: Mapping[str, str] | None = None,
    by: User,
) -> StatusChange:
    """Move an idea along received → under assessment → answered, with a public message.

    ``message`` is typed by a person and shown as typed. A message Samskab writes by
    itself is ``code`` (one of trail.MESSAGES) with its ``params`` instead, shown in
    each reader's language.
    """
    params = dict(params or {})
    if code:
        trail.check(code, params)
        message = ""
    elif params:
        raise ValueError("Parameters belong to a message code.")
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if not code and not message.strip():
        raise ValidationError({"message": _("Write a message to the submitter and the followers.")})
    if status == Idea.Status.ANSWERED and not answer:
        raise ValidationError({"answer": _("Choose the answer.")})
    if status != Idea.Status.ANSWERED and answer:
        raise ValidationError({"answer": _("Only an answered idea has an answer.")})
    if answer == Idea.Answer.MERGED:
        raise ValidationError({"answer": _("Merge the idea with the merge function instead.")})
    if idea.merged_into_id:
        raise ValidationError(_("The idea has been merged into another idea."))
    now = timezone.now()
    idea.status, idea.answer, idea.status_changed_at = status, answer, now
    _keep_response_times(idea, now)
    idea.full_clean()
    idea.save(
        update_fields=[
            "status",
            "answer",
            "status_changed_at",
            "responded_at",
            "answered_at",
            "updated_at",
        ]
    )
    change = StatusChange.objects.create(
        idea=idea,
        status=status,
        answer=answer,
        message=message.strip(),
        code=code,
        params=params,
        by=by,
        created_at=now,
    )
    with translation.override(settings.LANGUAGE_CODE):  # e-mail is in Danish: nobody chooses
        label = idea.get_answer_display() if answer else idea.get_status_display()
        subject = _("“%(title)s”: %(status)s") % {"title": idea.title, "status": label}
        body = change.text
    _tell_author_and_followers(idea, subject=subject, body=body, exclude=by)
    return change


@transaction.atomic
def idea_merge(*, duplicate: Idea, survivor: Idea, message: str, by: User) -> Idea:
    """Close a duplicate with a pointer to the idea that lives on.

    Nobody's support is moved: the survivor counts the people behind the merged ideas
    separately, and the duplicate's submitter, supporters and followers are told so
    that they can support the survivor themselves with one click.
    """
    if duplicate.pk == survivor.pk:
        raise ValidationError(_("An idea cannot be merged into itself."))
    locked = {
        i.pk: i for i in Idea.objects.select_for_update().filter(pk__in=[duplicate.pk, survivor.pk])
    }
    duplicate, survivor = locked[duplicate.pk], locked[survivor.pk]
    if survivor.merged_into_id:
        raise ValidationError(
            _("The idea to merge into has itself been merged; choose the idea it lives on in.")
        )
    if duplicate.merged_into_id:
        raise ValidationError(_("The idea has already been merged."))
    if not message.strip():
        raise ValidationError({"message": _("Write a message to the submitter and the followers.")})
    # Ideas merged into the duplicate before now point at the survivor.
    Idea.objects.filter(merged_into=duplicate).update(merged_into=survivor)
    now = timezone.now()
    duplicate.status, duplicate.answer = Idea.Status.ANSWERED, Idea.Answer.MERGED
    duplicate.merged_into, duplicate.status_changed_at = survivor, now
    _keep_response_times(duplicate, now)
    duplicate.save(
        update_fields=[
            "status",
            "answer",
            "merged_into",
            "status_changed_at",
            "responded_at",
            "answered_at",
            "updated_at",
        ]
    )
    _count_merged_supports(survivor.pk)
    _count_merged_supports(duplicate.pk)
    StatusChange.objects.create(
        idea=duplicate,
        status=Idea.Status.ANSWERED,
        answer=Idea.Answer.MERGED,
        message=message.strip(),
        by=by,
        created_at=now,
    )
    _tell_of_merge(duplicate, survivor, message=message.strip(), by=by)
    survivor.refresh_from_db()
    return survivor


def _tell_of_merge(duplicate: Idea, survivor: Idea, *, message: str, by: User) -> None:
    """Tell the duplicate's submitter, followers and supporters where the idea lives on.

    Who may open the survivor gets its title and link, and an invitation to support it
    unless they already do; who may not gets the message and the duplicate's own link,
    without the survivor's title.
    """
    following = Follow.objects.filter(idea=duplicate).values("user")
    supporting = Support.objects.filter(idea=duplicate).values("user")
    told = User.objects.filter(Q(pk__in=following) | Q(pk__in=supporting), is_active=True).exclude(
        pk=by.pk
    )
    people = list(told)
    load_groups(people)
    backing_survivor = set(
        Support.objects.filter(idea=survivor, user__in=told).values_list("user_id", flat=True)
    )
    backing_duplicate = set(
        Support.objects.filter(idea=duplicate, user__in=told).values_list("user_id", flat=True)
    )
    survivor_url = reverse("ideas:idea-detail", kwargs={"pk": survivor.pk})
    duplicate_url = reverse("ideas:idea-detail", kwargs={"pk": duplicate.pk})
    names = {"title": duplicate.title, "survivor": survivor.title}
    with translation.override(settings.LANGUAGE_CODE):
        open_subject = _("“%(title)s” is merged into “%(survivor)s”") % names
        closed_subject = _("“%(title)s” is merged into another idea") % names
        continues = _("The conversation continues at “%(survivor)s”.") % names
        invitation = {
            True: _(
                "Your support stays with the idea you supported. To support “%(survivor)s” too, open the link."
            )
            % names,
            False: _("To support it, open the link."),
        }
        already = _("You already support it.")
    letters: dict[tuple[str, str, str], list[User]] = {}
    for person in people:
        if not rules.has_perm("ideas.view_idea", person, survivor):
            letter = (closed_subject, message, duplicate_url)
        elif person.pk in backing_survivor:
            letter = (open_subject, f"{message}\n\n{continues} {already}", survivor_url)
        else:
            ask = invitation[person.pk in backing_duplicate]
            letter = (open_subject, f"{message}\n\n{continues} {ask}", survivor_url)
        letters.setdefault(letter, []).append(person)
    for (subject, body, url), users in letters.items():
        notify(users=users, subject=subject, body=body, url=url)
    if (
        duplicate.author_id is None
        and duplicate.confirmed_at is not None
        and duplicate.author_email
    ):
        # Without an account: the survivor if it is public, otherwise the duplicate's status link.
        if rules.has_perm("ideas.view_idea", AnonymousUser(), survivor):
            subject, body, url = open_subject, f"{message}\n\n{continues}", survivor_url
        else:
            subject, body = closed_subject, message
            url = reverse("ideas:idea-confirm", kwargs={"token": confirmation_token(duplicate)})
        notify_email(email=duplicate.author_email, subject=subject, body=body, url=url)


@transaction.atomic
def idea_moderate(*, idea: Idea, approve: bool, reason: str = "", by: User) -> Idea:
    """Publish an idea, or hide it with a reason the author is told."""
    if approve:
        if not idea.is_confirmed:
            raise ValidationError(_("The submitter has not confirmed the e-mail address yet."))
        if not idea.consent_to_publish:
            raise ValidationError(_("The submitter did not agree to publication."))
        idea.moderation, idea.moderation_reason = Idea.Moderation.APPROVED, ""
    else:
        if not reason.strip():
            raise ValidationError({"reason": _("Give a reason for hiding the idea.")})
        idea.moderation, idea.moderation_reason = Idea.Moderation.HIDDEN, reason.strip()
    idea.save(update_fields=["moderation", "moderation_reason", "updated_at"])
    if not approve and idea.author_id:
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Your idea “%(title)s” is not published") % {"title": idea.title}
        url = reverse("ideas:idea-detail", kwargs={"pk": idea.pk})
        notify(users=[idea.author], subject=subject, body=idea.moderation_reason, url=url)
    return idea


def note_add(*, idea: Idea, author: User, body: str) -> InternalNote:
    note = InternalNote(idea=idea, author=author, body=body.strip())
    note.full_clean()
    note.save()
    return note
