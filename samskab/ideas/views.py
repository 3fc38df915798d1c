from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.core.ids import as_id
from samskab.core.pagination import paginate
from samskab.core.ratelimit import allow, too_many_requests
from samskab.core.redirects import safe_next

from . import picker, queries, services
from .forms import (
    ChallengeForm,
    CommentForm,
    IdeaFilterForm,
    IdeaForm,
    MergeForm,
    ModerationForm,
    NoteForm,
    QuestionFormSet,
    ReportForm,
    StatusForm,
)
from .models import Attachment, Comment, Follow, Idea, Support
from .permissions import (
    VIEW_FIELDS,
    get_challenge_for,
    get_comment_for,
    get_idea_for,
    openable,
    split_openable,
)
from .search import search_ideas
from .similarity import similar_ideas

LIST_SIZE = 25


# Browsing ----------------------------------------------------------------------


def idea_list(request):
    challenges = queries.visible_challenges(request.user)
    form = IdeaFilterForm(request.GET or None, challenges=challenges)
    filters = form.cleaned_data if form.is_valid() else {}
    ideas = queries.filtered_ideas(
        request.user,
        kind=filters.get("type", ""),
        area=filters.get("omraade"),
        challenge=filters.get("udfordring"),
        status=filters.get("status", ""),
    )
    query = filters.get("q", "").strip()
    context = {"form": form, "filter_fields": lambda: _filter_fields(form), "query": query}
    if query:
        ranked = search_ideas(ideas, query)
        page_number = _page_number(request)
        ids = ranked[(page_number - 1) * LIST_SIZE : page_number * LIST_SIZE]
        by_id = ideas.in_bulk(ids)
        context.update(
            ideas=[by_id[pk] for pk in ids if pk in by_id],
            total=len(ranked),
            more=False,
            search_page=page_number,
            search_has_next=len(ranked) > page_number * LIST_SIZE,
        )
    else:
        page = queries.ideas_page(
            ideas,
            sort=filters.get("sorter") or "nyeste",
            cursor=request.GET.get("efter"),
            size=LIST_SIZE,
        )
        total, more = queries.bounded_count(ideas)
        context.update(ideas=page.object_list, page=page, total=total, more=more)
    template = "ideas/idea_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


# The filter form's fields as HTML, by everything they show. Rendering them through the
# form templates (a select of areas, one of challenges, an <option> template each) was
# a sixth of the list page; the same few combinations come back request after request.
_FILTER_FIELDS: dict[tuple, SafeString] = {}
_FILTER_FIELDS_MAX = 500


def _filter_fields(form: IdeaFilterForm) -> SafeString:
    """``{% for field in form %}{{ field.as_field_group }}{% endfor %}``, remembered.

    The choices of areas and challenges are read from the database on every call, as
    rendering read them, and are part of the key with the language and what was
    submitted, so the HTML is always what rendering would give.
    """
    for name in ("omraade", "udfordring"):
        field = form.fields[name]
        field.choices = [(str(value), str(label)) for value, label in field.choices]
    key = (
        get_language(),
        tuple((name, tuple(form.data.getlist(name))) for name in form.fields)
        if form.is_bound
        else None,
        tuple(form.fields["omraade"].choices),
        tuple(form.fields["udfordring"].choices),
    )
    html = _FILTER_FIELDS.get(key)
    if html is None:
        html = mark_safe("".join(field.as_field_group() for field in form))  # noqa: S308 - rendered by Django's form templates
        if len(_FILTER_FIELDS) >= _FILTER_FIELDS_MAX:
            _FILTER_FIELDS.clear()
        _FILTER_FIELDS[key] = html
    return html


def _page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("side", 1)), 1000))
    except ValueError:
        return 1


def idea_detail(request, pk: int):
    idea = get_idea_for(request.user, pk)
    user = request.user
    is_staff = user.has_perm("ideas.moderate_idea")
    comment_page = queries.comments_page(
        idea,
        show_hidden=is_staff,
        before=request.GET.get("kommentarer"),
        showing=_positive_int(request.GET.get("kommentar")),
    )
    if request.htmx and "kommentarer" in request.GET:
        # "Older comments" without leaving the page: the older page goes in above.
        response = render(
            request,
            "ideas/idea_detail.html#comment-page",
            {
                "idea": idea,
                "comment_page": comment_page,
                "can_comment": user.has_perm("ideas.comment_idea", idea),
                "focus_comment": comment_page.comments[0].pk if comment_page.comments else None,
            },
        )
        patch_vary_headers(response, ["HX-Request"])  # the same address gives the whole page
        return response
    context = {
        "idea": idea,
        "is_staff": is_staff,
        "trail": idea.status_changes.all(),
        "answers": queries.answers_for(idea, show_internal=is_staff),
        "attachments": idea.attachments.all(),
        "comment_page": comment_page,
        "areas": idea.areas.all(),
        "survivor": openable(user, idea.merged_into),
        "merged_ideas": split_openable(
            user, idea.merged_ideas.only(*VIEW_FIELDS, "merged_into_id")
        )[0],
        "tasks": idea.tasks.only("id", "title") if user.has_perm("portfolio.view_task") else [],
        "can_support": user.has_perm("ideas.support_idea", idea),
        "can_comment": user.has_perm("ideas.comment_idea", idea),
        "supported": user.is_authenticated
        and Support.objects.filter(idea=idea, user=user).exists(),
        "following": user.is_authenticated and Follow.objects.filter(idea=idea, user=user).exists(),
        "comment_form": CommentForm(idea=idea),
    }
    if is_staff:
        context.update(
            notes=idea.internal_notes.select_related("author__person"),
            status_form=StatusForm(initial={"status": idea.status, "answer": idea.answer}),
            merge_form=MergeForm(),
            moderation_form=ModerationForm(),
            note_form=NoteForm(),
        )
    response = render(request, "ideas/idea_detail.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _positive_int(value: str | None) -> int | None:
    return as_id(value)


@require_GET
def idea_similar(request):
    """Ideas that look like what is being typed (htmx, from the idea form)."""
    title = request.GET.get("title", "")[:200]
    description = request.GET.get("description", "")[:2000]
    matches = []
    if len(title) + len(description) >= 8:
        matches = similar_ideas(
            title=title, description=description, ideas=queries.published_ideas(request.user)
        )
    return render(request, "ideas/similar.html", {"matches": matches})


def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("idea"), pk=pk)
    get_idea_for(request.user, attachment.idea_id)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Submitting --------------------------------------------------------------------


def idea_create(request):
    challenges = queries.open_challenges(request.user)
    chosen = (
        request.POST.get("challenge")
        or request.GET.get("challenge")
        or request.GET.get("udfordring")
    )
    challenge = challenges.filter(pk=as_id(chosen)).first() if as_id(chosen) else None
    form = IdeaForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        challenges=challenges,
        challenge=challenge,
    )
    if request.method == "POST":
        if not allow(
            request, action="idea-submit", rate="5/h" if request.user.is_anonymous else "30/h"
        ):
            return too_many_requests(request)
        if form.is_spam:
            return redirect("ideas:idea-check-email")  # say nothing to a robot
        author = request.user if request.user.is_authenticated else None
        received: list[Idea] = []
        if run_service(
            form,
            lambda: received.append(
                services.idea_submit(
                    idea=form.instance,
                    author=author,
                    areas=form.cleaned_data["areas"],
                    answers=form.answers(),
                    attachments=form.cleaned_data["attachments"],
                    token=form.cleaned_data["token"],
                )
            ),
        ):
            if author is None:
                return redirect("ideas:idea-check-email")
            messages.success(request, _("Thank you! Your idea is received."))
            # The idea this form made, also when the form was sent twice.
            return redirect("ideas:idea-detail", pk=received[0].pk)
    template = "ideas/idea_form.html"
    if request.htmx and request.method == "GET":
        template += "#questions"
    return render(request, template, {"form": form, "challenge": challenge})


def idea_check_email(request):
    return render(request, "ideas/check_email.html")


def idea_confirm(request, token: str):
    """The e-mailed link of an anonymous submitter.

    GET shows a confirm button (link scanners in mail systems must not confirm),
    POST confirms. Afterwards the same link shows where the idea stands.
    """
    try:
        idea = services.idea_from_token(token)
        if request.method == "POST":
            idea = services.idea_confirm(token=token)
            messages.success(request, _("Thank you! Your idea is confirmed and received."))
    except ValidationError as error:
        return render(request, "ideas/confirm.html", {"error": error.messages[0]}, status=400)
    return render(
        request,
        "ideas/confirm.html",
        {
            "idea": idea,
            "token": token,
            "trail": idea.status_changes.all(),
            "survivor": openable(request.user, idea.merged_into),
        },
    )


# Taking part -------------------------------------------------------------------


@login_required
@require_POST
def idea_support(request, pk: int):
    idea = get_idea_for(request.user, pk, perm="ideas.support_idea")
    if not allow(request, action="support", rate="60/h"):
        return too_many_requests(request)
    if request.POST.get("action") == "remove":
        services.idea_unsupport(idea=idea, user=request.user)
    else:
        services.idea_support(idea=idea, user=request.user)
    if request.htmx:
        supported = Support.objects.filter(idea=idea, user=request.user).exists()
        return render(
            request,
            "ideas/idea_detail.html#support",
            {"idea": idea, "supported": supported, "can_support": True},
        )
    return redirect("ideas:idea-detail", pk=idea.pk)


@login_required
@require_POST
def idea_follow(request, pk: int):
    idea = get_idea_for(request.user, pk, perm="ideas.follow_idea")
    if request.POST.get("action") == "stop":
        services.idea_unfollow(idea=idea, user=request.user)
        messages.success(request, _("You no longer follow the idea."))
    else:
        services.idea_follow(idea=idea, user=request.user)
        messages.success(request, _("You follow the idea and hear about comments and answers."))
    return redirect("ideas:idea-detail", pk=idea.pk)


@login_required
@require_POST
def comment_create(request, pk: int):
    idea = get_idea_for(request.user, pk, perm="ideas.comment_idea")
    if not allow(request, action="comment", rate="20/h"):
        return too_many_requests(request)
    form = CommentForm(request.POST, idea=idea)
    added: list[Comment] = []
    if run_service(
        form,
        lambda: added.append(
            services.comment_add(
                idea=idea,
                author=request.user,
                body=form.cleaned_data["body"],
                parent=form.cleaned_data.get("parent"),
            )
        ),
    ):
        messages.success(request, _("Your comment is added."))
        return redirect(added[0].get_absolute_url())
    messages.error(
        request,
        _("The comment could not be added: %(errors)s")
        % {"errors": " ".join(error for errors in form.errors.values() for error in errors)},
    )
    return redirect("ideas:idea-detail", pk=idea.pk)


@login_required
def comment_report(request, pk: int):
    comment = get_comment_for(request.user, pk, perm="ideas.report_comment")
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if not allow(request, action="report", rate="20/h"):
            return too_many_requests(request)
        if run_service(
            form,
            lambda: services.comment_report(
                comment=comment, reporter=request.user, reason=form.cleaned_data["reason"]
            ),
        ):
            messages.success(request, _("Thank you. The innovation unit will look at the comment."))
            return redirect("ideas:idea-detail", pk=comment.idea_id)
    return render(request, "ideas/comment_report.html", {"comment": comment, "form": form})


@login_required
def my_ideas(request):
    ideas = list(queries.ideas_of(request.user))
    for idea in ideas:
        idea.survivor = openable(request.user, idea.merged_into)
    return render(request, "ideas/my_ideas.html", {"ideas": ideas})


@login_required
def followed_ideas(request):
    """The ideas others brought that the user follows, a page at a time."""
    page = paginate(request, queries.followed_by(request.user))
    return render(request, "ideas/followed_ideas.html", {"page_obj": page})


# The innovation unit -----------------------------------------------------------


def _staff_action(request, pk: int, form_class, service, success: str):
    idea = get_idea_for(request.user, pk, perm="ideas.moderate_idea")
    form = form_class(request.POST)
    if run_service(form, lambda: service(idea, form.cleaned_data)):
        messages.success(request, success)
    else:
        messages.error(
            request,
            " ".join(error for errors in form.errors.values() for error in errors),
        )
    return redirect("ideas:idea-detail", pk=idea.pk)


@require_POST
@require_perm("ideas.moderate_idea")
def idea_status(request, pk: int):
    return _staff_action(
        request,
        pk,
        StatusForm,
        lambda idea, data: services.idea_change_status(
            idea=idea,
            status=data["status"],
            answer=data["answer"],
            message=data["message"],
            by=request.user,
        ),
        _("The status is changed, and the submitter and the followers are told."),
    )


@require_perm("ideas.moderate_idea")
def idea_merge(request, pk: int):
    """Merge a duplicate into the idea that lives on, picked by words or its number.

    The idea page posts here; a search ("Søg", without JavaScript) and a form with
    errors come back as a page of their own, keeping what was typed.
    """
    idea = get_idea_for(request.user, pk, perm="ideas.moderate_idea")
    form = MergeForm(request.POST or None, user=request.user)
    if request.method == "POST" and run_service(
        form,
        lambda: services.idea_merge(
            duplicate=idea,
            survivor=form.cleaned_data["survivor"],
            message=form.cleaned_data["message"],
            by=request.user,
        ),
    ):
        messages.success(request, _("The idea is merged."))
        return redirect("ideas:idea-detail", pk=idea.pk)
    return render(request, "ideas/idea_merge.html", {"idea": idea, "form": form})


@require_GET
@require_perm("ideas.pick_idea")
def idea_picker(request):
    """The ideas matching what is typed in an idea picker (htmx): a few, to choose from.

    Only ideas the user may see; at most ten besides those already chosen; two queries.
    """
    if not allow(request, action="idea-picker", rate="120/m"):
        return too_many_requests(request)
    name = request.GET.get("felt", "")
    auto_id = request.GET.get("id", f"id_{name}")
    if name and not (picker.FIELD_NAME.fullmatch(name) and picker.FIELD_NAME.fullmatch(auto_id)):
        return HttpResponseBadRequest()
    context = {"picker": {}}
    if name:
        context["picker"] = picker.results_context(
            name=name,
            auto_id=auto_id,
            multiple=request.GET.get("flere") == "1",
            text=request.GET.get(name, "")[:500],
            chosen=request.GET.getlist(picker.chosen_name(name)),
            scope=queries.ideas_visible_to(request.user),
        )
    return render(request, "ideas/includes/idea_picker_results.html", context)


@require_POST
@require_perm("ideas.moderate_idea")
def idea_moderate(request, pk: int):
    return _staff_action(
        request,
        pk,
        ModerationForm,
        lambda idea, data: services.idea_moderate(
            idea=idea, approve=data["decision"] == "approve", reason=data["reason"], by=request.user
        ),
        _("The moderation is saved."),
    )


@require_POST
@require_perm("ideas.moderate_idea")
def idea_note(request, pk: int):
    return _staff_action(
        request,
        pk,
        NoteForm,
        lambda idea, data: services.note_add(idea=idea, author=request.user, body=data["body"]),
        _("The note is saved."),
    )


@require_POST
@require_perm("ideas.moderate_idea")
def comment_moderate(request, pk: int):
    comment = get_comment_for(request.user, pk, perm="ideas.moderate_idea")
    hide = request.POST.get("decision") == "hide"
    try:
        services.comment_moderate(
            comment=comment, hide=hide, reason=request.POST.get("reason", ""), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The comment is hidden.") if hide else _("The comment is kept.")
        )
    return redirect(safe_next(request, "ideas:unit-inbox"))


@require_perm("ideas.view_unit_inbox")
def unit_inbox(request):
    size = queries.INBOX_SIZE
    return render(
        request,
        "ideas/unit_inbox.html",
        {
            "pending": queries.awaiting_moderation()[:size],
            "reported": queries.reported_comments()[:size],
            "help": queries.help_requests()[:size],
            "overdue": queries.overdue_ideas()[:size],
            "answer_days": settings.SAMSKAB_IDEA_ANSWER_DAYS,
        },
    )


# Challenges --------------------------------------------------------------------


def challenge_list(request):
    return render(
        request,
        "ideas/challenge_list.html",
        {
            "challenges": queries.visible_challenges(request.user),
            "can_add": request.user.has_perm("ideas.add_challenge"),
        },
    )


def challenge_detail(request, pk: int):
    challenge = get_challenge_for(request.user, pk)
    ideas = queries.filtered_ideas(request.user, challenge=challenge).order_by(
        "-support_count", "-id"
    )
    return render(
        request,
        "ideas/challenge_detail.html",
        {
            "challenge": challenge,
            "ideas": ideas[:LIST_SIZE],
            "total": queries.bounded_count(ideas)[0],
            "can_edit": request.user.has_perm("ideas.change_challenge", challenge),
        },
    )


def _challenge_form(request, challenge=None):
    form = ChallengeForm(request.POST or None, instance=challenge)
    questions = QuestionFormSet(request.POST or None, instance=challenge, prefix="sp")
    if request.method == "POST" and questions.is_valid():
        kept = [
            f.instance
            for f in questions.forms
            if (f.has_changed() or f.instance.pk) and not f.cleaned_data.get("DELETE")
        ]
        if run_service(
            form,
            lambda: services.challenge_save(
                challenge=form.instance, questions=kept, by=request.user
            ),
        ):
            messages.success(request, _("The challenge is saved."))
            return redirect("ideas:challenge-detail", pk=form.instance.pk)
    return render(
        request,
        "ideas/challenge_form.html",
        {"form": form, "questions": questions, "challenge": challenge},
    )


@require_perm("ideas.add_challenge")
def challenge_create(request):
    return _challenge_form(request)


@require_perm("ideas.change_challenge")
def challenge_edit(request, pk: int):
    return _challenge_form(
        request, get_challenge_for(request.user, pk, perm="ideas.change_challenge")
    )
