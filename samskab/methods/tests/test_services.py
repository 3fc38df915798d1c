"""The rules of the method library: who writes cards, versions, uses in reached phases, ratings."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from samskab.accounts import roles
from samskab.methods import queries, services
from samskab.methods.models import Method, MethodUse


def test_the_unit_creates_a_card_with_a_lasting_address_and_its_first_version(make_method):
    method = make_method("Prøvehandling på én afdeling")
    assert method.slug == "proevehandling-paa-en-afdeling"
    count, record = queries.latest_version(method)
    assert count == 1
    assert record.history_user.username == "persona-innovationsenhed"


def test_each_saved_change_is_a_new_version_with_what_changed(make_method, staff):
    method = make_method()
    method.time_needed = "En uge"
    method.phases = "123"
    services.method_save(method=method, by=staff)
    count, versions = queries.versions(method)
    assert count == 2
    newest = versions[0]
    assert newest.number == 2
    changed = {str(field): (old, new) for field, old, new in newest.changes}
    assert changed["tidsforbrug"] == ("2–3 uger", "En uge")
    assert changed["faser"] == ("1, 3", "1, 2, 3")
    assert versions[1].created


def test_a_slug_never_takes_the_librarys_own_addresses(make_method):
    assert make_method("Ordbog").slug == "ordbog-metode"
    assert make_method("Ny").slug == "ny-metode"


@pytest.mark.parametrize("role", [roles.MEDARBEJDER, roles.OMRAADELEDER, roles.DIREKTION])
def test_others_than_the_unit_cannot_write_a_card(personas, role):
    method = Method(
        title="X", purpose="x", phases="1", steps="x", time_needed="x", people_needed="x"
    )
    with pytest.raises(PermissionDenied):
        services.method_save(method=method, by=personas[role])
    assert not Method.objects.exists()


def test_a_card_needs_a_phase(staff):
    method = Method(
        title="X", purpose="x", phases="", steps="x", time_needed="x", people_needed="x"
    )
    with pytest.raises(ValidationError) as error:
        services.method_save(method=method, by=staff)
    assert "phases" in error.value.message_dict


def test_the_team_records_a_method_used_in_a_phase_the_task_has_reached(
    task, make_method, employee
):
    method = make_method()
    use = services.use_record(
        task=task, method=method, phase=3, rating=4, learning=" Virkede. ", by=employee
    )
    assert use.learning == "Virkede."
    assert use.used_on == timezone.localdate()
    method.refresh_from_db()
    assert (method.use_count, method.rating_total, method.average_rating) == (1, 4, 4)


def test_a_phase_the_task_has_not_reached_is_refused(task, make_method, employee):
    with pytest.raises(ValidationError) as error:
        services.use_record(
            task=task, method=make_method(), phase=4, rating=4, learning="x", by=employee
        )
    assert "phase" in error.value.message_dict
    assert not MethodUse.objects.exists()


def test_a_day_in_the_future_is_refused(task, make_method, employee):
    with pytest.raises(ValidationError) as error:
        services.use_record(
            task=task,
            method=make_method(),
            phase=1,
            rating=4,
            learning="x",
            used_on=timezone.localdate() + timedelta(days=1),
            by=employee,
        )
    assert "used_on" in error.value.message_dict


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_outside_1_to_5_is_refused(task, make_method, employee, rating):
    with pytest.raises(ValidationError):
        services.use_record(
            task=task, method=make_method(), phase=1, rating=rating, learning="x", by=employee
        )
    assert not MethodUse.objects.exists()


@pytest.mark.parametrize("rating", [1, 5])
def test_ratings_1_and_5_are_accepted(task, make_method, employee, rating):
    use = services.use_record(
        task=task, method=make_method(), phase=1, rating=rating, learning="x", by=employee
    )
    assert use.rating == rating


def test_the_database_refuses_a_rating_outside_1_to_5(task, make_method, employee):
    method = make_method()
    with pytest.raises(IntegrityError), transaction.atomic():
        MethodUse.objects.create(
            task=task, method=method, phase=1, rating=6, learning="x", used_on=task.started_on
        )


@pytest.mark.parametrize("role", [roles.OMRAADELEDER, roles.INNOVATIONSENHED])
def test_the_owner_and_the_unit_record_too(task, make_method, personas, role):
    services.use_record(
        task=task, method=make_method(), phase=1, rating=3, learning="x", by=personas[role]
    )
    assert MethodUse.objects.count() == 1


@pytest.mark.parametrize("role", [roles.DIREKTION, roles.OEKONOMI, roles.KOMMUNALBESTYRELSE])
def test_who_is_not_on_the_team_cannot_record(task, make_method, personas, role):
    with pytest.raises(PermissionDenied):
        services.use_record(
            task=task, method=make_method(), phase=1, rating=3, learning="x", by=personas[role]
        )


def test_a_member_who_has_left_cannot_record(task, make_method, employee):
    task.memberships.update(ends_on=timezone.localdate() - timedelta(days=1))
    with pytest.raises(PermissionDenied):
        services.use_record(
            task=task, method=make_method(), phase=1, rating=3, learning="x", by=employee
        )


def test_removing_a_use_takes_it_from_the_cards_counters(task, make_method, employee):
    method = make_method()
    first = services.use_record(
        task=task, method=method, phase=1, rating=5, learning="x", by=employee
    )
    services.use_record(task=task, method=method, phase=2, rating=3, learning="x", by=employee)
    services.use_delete(use=first, by=employee)
    method.refresh_from_db()
    assert (method.use_count, method.rating_total) == (1, 3)


def test_suggestions_serve_the_current_phase_unused_first_then_most_used(
    task, make_method, make_task, employee, staff
):
    used_here = make_method("Prototyper", phases="3")
    popular = make_method("Testkort", phases="34")
    quiet = make_method("Effektkæde", phases="3")
    make_method("Business case", phases="45")  # not for phase 3
    other = make_task("Synlig læring", phase=4)
    for rating in (5, 4):
        services.use_record(
            task=other, method=popular, phase=3, rating=rating, learning="x", by=staff
        )
    services.use_record(task=task, method=used_here, phase=3, rating=5, learning="x", by=employee)
    assert queries.suggestions(task) == [popular, quiet, used_here]


def test_best_rated_first_among_equally_used(task, make_method, make_task, staff):
    low = make_method("Effektkæde", phases="3")
    high = make_method("Prototyper", phases="3")
    other = make_task("Synlig læring", phase=4)
    services.use_record(task=other, method=low, phase=3, rating=2, learning="x", by=staff)
    services.use_record(task=other, method=high, phase=3, rating=5, learning="x", by=staff)
    assert queries.suggestions(task) == [high, low]


def test_a_material_is_checked_as_an_attachment_and_stored_under_a_new_name(
    make_method, staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    method = make_method()
    material = services.material_add(
        method=method,
        title="",
        upload=SimpleUploadedFile("skabelon.pdf", b"%PDF-1.4 x"),
        by=staff,
    )
    assert material.name == "skabelon.pdf"
    assert material.title == "skabelon.pdf"
    assert "skabelon" not in material.file.name
    assert material.content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [("virus.exe", b"MZ"), ("falsk.pdf", b"<html>"), ("skabelon.docx", b"%PDF-1.4")],
)
def test_a_material_of_another_type_is_refused(
    make_method, staff, settings, tmp_path, name, content
):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as error:
        services.material_add(
            method=make_method(), title="x", upload=SimpleUploadedFile(name, content), by=staff
        )
    assert "material_file" in error.value.message_dict


def test_a_material_over_the_size_limit_is_refused(make_method, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SAMSKAB_UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        services.material_add(
            method=make_method(),
            title="x",
            upload=SimpleUploadedFile("s.pdf", b"%PDF-1.4 more than ten bytes"),
            by=staff,
        )


def test_a_term_gets_its_anchor_and_never_sees_itself(make_term, staff):
    term = make_term("Gevinstrealiseringsaftale")
    other = make_term("Gevinstrealisering")
    services.term_save(term=term, see_also=[term, other], by=staff)
    assert term.slug == "gevinstrealiseringsaftale"
    assert list(term.see_also.all()) == [other]


def test_only_the_unit_writes_terms(personas):
    from samskab.methods.models import Term

    with pytest.raises(PermissionDenied):
        services.term_save(term=Term(term="X", definition="x"), by=personas[roles.MEDARBEJDER])
