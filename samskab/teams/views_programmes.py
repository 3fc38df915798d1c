"""Learning programmes: the list, a programme's page, and the forms that change them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.accounts.permissions import is_area_manager
from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.core.pagination import paginate
from samskab.organisation.models import Person

from . import queries_programmes as queries
from . import services_programmes as services
from .forms import AimForm, AttendanceForm, DayForm, DropForm, ProgrammeForm, SessionForm
from .models import Participation, Programme, ProgrammeCompetency, Session
from .permissions import get_participation_for, get_programme_for, participations_shown_to

PEOPLE_FOUND = 20


def _own_person(user) -> Person | None:
    return Person.objects.filter(user=user).first() if user.is_authenticated else None


def _errors(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@require_perm("teams.view_programmes")
def programme_list(request):
    page = paginate(request, queries.programmes())
    programmes = list(page.object_list)
    ids = [p.pk for p in programmes]
    user = request.user
    manages = user.has_perm("teams.manage_programmes")
    own = queries.participations_of(_own_person(user), ids) if ids else {}
    shown = participations_shown_to(user)
    # An area manager sees how many of the area's staff take part in each.
    staff = (
        queries.shown_counts(shown, ids) if ids and not manages and is_area_manager(user) else {}
    )
    return render(
        request,
        "teams/programme_list.html",
        {
            "page_obj": page,
            "rows": [(p, own.get(p.pk), staff.get(p.pk, 0)) for p in programmes],
            "can_manage": manages,
            "today": timezone.localdate(),
        },
    )


def _programme_form(request, programme: Programme | None):
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and run_service(
        form, lambda: services.programme_save(programme=form.instance, by=request.user)
    ):
        messages.success(request, _("The programme was saved."))
        return redirect("teams:programme-detail", pk=form.instance.pk)
    return render(request, "teams/programme_form.html", {"form": form, "programme": programme})


@require_perm("teams.manage_programmes")
def programme_create(request):
    return _programme_form(request, None)


@require_perm("teams.manage_programmes")
def programme_edit(request, pk: int):
    return _programme_form(request, get_programme_for(request.user, pk))


def _detail(request, programme: Programme, *, aim_form=None, status: int = 200):
    user = request.user
    manages = user.has_perm("teams.manage_programmes")
    data = queries.programme_page(programme, shown=participations_shown_to(user))
    person = _own_person(user)
    own = next((p for p in data.participations if person and p.person_id == person.pk), None)
    query = request.GET.get("q", "").strip()[:100] if manages else ""
    found = []
    if query:
        taken = {p.person_id for p in data.participations}
        found = [
            person
            for person in Person.objects.filter(kind=Person.Kind.EMPLOYEE, name__icontains=query)
            .select_related("org_unit")
            .order_by("name", "pk")[: PEOPLE_FOUND + len(taken)]
            if person.pk not in taken
        ][:PEOPLE_FOUND]
    today = timezone.localdate()
    return render(
        request,
        "teams/programme_detail.html",
        {
            "programme": programme,
            "page": data,
            "rows": data.rows(),
            "own": own,
            "can_manage": manages,
            "can_join": own is None
            and person is not None
            and person.kind == Person.Kind.EMPLOYEE
            and programme.ends_on >= today
            and user.has_perm("teams.join_programmes"),
            "sees_all": manages,
            "aim_form": aim_form or AimForm(),
            "query": query,
            "found": found,
            "today": today,
            "ended": programme.ends_on < today,
        },
        status=status,
    )


@require_perm("teams.view_programmes")
def programme_detail(request, pk: int):
    return _detail(request, get_programme_for(request.user, pk))


@require_POST
@require_perm("teams.manage_programmes")
def aim_add(request, pk: int):
    programme = get_programme_for(request.user, pk)
    form = AimForm(request.POST)
    if run_service(
        form,
        lambda: services.programme_competency_set(
            programme=programme,
            competency=form.cleaned_data["competency"],
            target_level=form.cleaned_data["target_level"],
            by=request.user,
        ),
    ):
        messages.success(request, _("The competency was saved."))
        return redirect("teams:programme-detail", pk=programme.pk)
    return _detail(request, programme, aim_form=form)


@require_POST
@require_perm("teams.manage_programmes")
def aim_remove(request, pk: int, aim_pk: int):
    programme = get_programme_for(request.user, pk)
    aim = get_object_or_404(ProgrammeCompetency, pk=aim_pk, programme=programme)
    try:
        services.programme_competency_remove(aim=aim, by=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The competency was removed from the programme."))
    return redirect("teams:programme-detail", pk=programme.pk)


def _session_form(request, programme: Programme, session: Session | None):
    form = SessionForm(request.POST or None, instance=session or Session(programme=programme))
    if request.method == "POST" and run_service(
        form, lambda: services.session_save(session=form.instance, by=request.user)
    ):
        messages.success(request, _("The session was saved."))
        return redirect("teams:programme-detail", pk=programme.pk)
    return render(
        request,
        "teams/session_form.html",
        {"form": form, "programme": programme, "session": session},
    )


@require_perm("teams.manage_programmes")
def session_create(request, pk: int):
    return _session_form(request, get_programme_for(request.user, pk), None)


@require_perm("teams.manage_programmes")
def session_edit(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("programme"), pk=pk)
    return _session_form(request, session.programme, session)


@require_perm("teams.manage_programmes")
def attendance(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("programme"), pk=pk)
    participations = list(
        Participation.objects.filter(
            programme_id=session.programme_id, status__in=services.ATTENDING
        )
        .select_related("person")
        .order_by("person__name", "pk")
    )
    present = [
        a.participation_id for a in session.attendances.filter(present=True).only("participation")
    ]
    form = AttendanceForm(
        request.POST or None,
        participations=participations,
        initial={"present": present or [p.pk for p in participations]},
    )
    came: list[int] = []
    if request.method == "POST" and run_service(
        form,
        lambda: came.append(
            services.attendance_record(
                session=session, present=set(form.cleaned_data["present"]), by=request.user
            )
        ),
    ):
        messages.success(
            request,
            _("Attendance was recorded: %(came)d of %(all)d came.")
            % {"came": came[0], "all": len(participations)},
        )
        return redirect("teams:programme-detail", pk=session.programme_id)
    return render(
        request,
        "teams/attendance_form.html",
        {
            "form": form,
            "session": session,
            "programme": session.programme,
            "participations": participations,
            "recorded": session.attendances.exists(),
        },
    )


@require_POST
@require_perm("teams.manage_programmes")
def participant_add(request, pk: int):
    programme = get_programme_for(request.user, pk)
    person_id = request.POST.get("person", "")
    person = Person.objects.filter(pk=int(person_id)).first() if person_id.isdecimal() else None
    if person is None:
        messages.error(request, _("Choose an employee to add."))
        return redirect("teams:programme-detail", pk=programme.pk)
    try:
        services.participant_add(
            programme=programme,
            person=person,
            invite=request.POST.get("invite") == "1",
            by=request.user,
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("%(name)s is on the programme.") % {"name": person.name})
    return redirect("teams:programme-detail", pk=programme.pk)


@require_POST
@require_perm("teams.join_programmes")
def programme_join(request, pk: int):
    programme = get_programme_for(request.user, pk)
    try:
        services.participation_request(programme=programme, by=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("You asked to join. The innovation unit will answer you."))
    return redirect("teams:programme-detail", pk=programme.pk)


@require_POST
@require_perm("teams.view_programmes")
def participation_accept(request, pk: int):
    participation = get_participation_for(request.user, pk, perm="teams.respond_participation")
    try:
        services.participation_accept(participation=participation, by=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("%(name)s takes part in the programme.") % {"name": participation.person.name},
        )
    return redirect("teams:programme-detail", pk=participation.programme_id)


@require_POST
@require_perm("teams.manage_programmes")
def participation_complete(request, pk: int):
    participation = get_participation_for(request.user, pk, perm="teams.manage_programmes")
    form = DayForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("on", [])))
        return redirect("teams:programme-detail", pk=participation.programme_id)
    on = form.cleaned_data["on"] or timezone.localdate()
    try:
        records = services.participation_complete(
            participation=participation, on=on, by=request.user
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("%(name)s completed the programme; %(count)d learning records were made.")
            % {"name": participation.person.name, "count": len(records)},
        )
    return redirect("teams:programme-detail", pk=participation.programme_id)


@require_perm("teams.view_programmes")
def participation_drop(request, pk: int):
    participation = get_participation_for(request.user, pk, perm="teams.respond_participation")
    form = DropForm(
        request.POST if request.method == "POST" else None, initial={"on": timezone.localdate()}
    )
    if request.method == "POST" and run_service(
        form,
        lambda: services.participation_drop(
            participation=participation,
            on=form.cleaned_data["on"] or None,
            reason=form.cleaned_data["reason"],
            by=request.user,
        ),
    ):
        messages.success(
            request,
            _("%(name)s has left the programme; the participation is kept.")
            % {"name": participation.person.name},
        )
        return redirect("teams:programme-detail", pk=participation.programme_id)
    return render(
        request,
        "teams/drop_form.html",
        {"form": form, "participation": participation, "programme": participation.programme},
    )
