"""Planning a file of employees: check each row, match people and accounts, work out changes."""

import re
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from samskab.accounts.models import User

from ..models import Person
from .planning import State, check_text, chunks, field_label, model_errors
from .reading import Table, check_cells
from .report import Action, FieldChange, FileReport, RowResult


@dataclass
class _PersonRow:
    row: int
    external_id: str
    name: str
    email: str | None  # None: the file has no such column, leave it alone
    unit_id: str | None
    title: str | None


def _existing_people(external_ids: list[str], emails: list[str]):
    """People by employee id, and user accounts (with their person) by lower-case e-mail."""
    people: dict[str, Person] = {}
    for chunk in chunks(external_ids):
        for person in Person.objects.filter(external_id__in=chunk):
            people[person.external_id] = person
    users: dict[str, dict[int, User]] = {}
    for chunk in chunks(emails):
        found = User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=chunk)
        for user in found.select_related("person"):
            users.setdefault(user.email_lower, {})[user.pk] = user
        addresses = (
            EmailAddress.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=chunk)
            .select_related("user__person")
        )
        for address in addresses:
            users.setdefault(address.email_lower, {})[address.user_id] = address.user
    return people, users


def plan_employees(table: Table, columns: dict[str, int], report: FileReport, state: State):
    def cell(cells: list[str], key: str) -> str | None:
        return cells[columns[key]] if key in columns else None

    rows: list[_PersonRow] = []
    seen_ids: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    for number, cells in table.rows:
        errors_before = len(report.errors)
        check_cells(number, cells, table.headers, report)
        person = _PersonRow(
            row=number,
            external_id=cells[columns["employee_id"]],
            name=cells[columns["name"]],
            email=cell(cells, "email"),
            unit_id=cell(cells, "unit_id"),
            title=cell(cells, "title"),
        )
        check_text(
            number,
            person.external_id,
            model=Person,
            name="external_id",
            what=_("Employee id"),
            report=report,
            required=True,
        )
        check_text(
            number,
            person.name,
            model=Person,
            name="name",
            what=_("Name"),
            report=report,
            required=True,
        )
        if person.title:
            check_text(
                number,
                person.title,
                model=Person,
                name="title",
                what=_("Job title"),
                report=report,
            )
        if person.email:
            try:
                validate_email(person.email)
            except ValidationError:
                report.error(
                    number,
                    _("%(email)s is not a valid e-mail address.") % {"email": person.email},
                )
            else:
                check_text(
                    number,
                    person.email,
                    model=Person,
                    name="email",
                    what=_("E-mail address"),
                    report=report,
                )
            first = seen_emails.setdefault(person.email.lower(), number)
            if first != number:
                report.error(
                    number,
                    _("The e-mail address %(email)s appears more than once (first in row %(row)d).")
                    % {"email": person.email, "row": first},
                )
        if (
            person.unit_id
            and person.unit_id not in state.file_unit_ids
            and person.unit_id not in state.units_by_ext
        ):
            report.error(
                number,
                _("The unit id %(id)s is neither in the units file nor in Samskab.")
                % {"id": person.unit_id},
            )
        if person.external_id:
            first = seen_ids.setdefault(person.external_id, number)
            if first != number:
                report.error(
                    number,
                    _("The employee id %(id)s appears more than once (first in row %(row)d).")
                    % {"id": person.external_id, "row": first},
                )
        if len(report.errors) == errors_before:
            rows.append(person)

    people, users = _existing_people(
        list(dict.fromkeys(row.external_id for row in rows)),
        list(dict.fromkeys(row.email.lower() for row in rows if row.email)),
    )
    linked: dict[int, int] = {}  # user pk -> row
    taken_usernames: set[str] | None = None
    for row in rows:
        candidates = list(users.get(row.email.lower(), {}).values()) if row.email else []
        if len(candidates) > 1:
            report.error(
                row.row,
                _(
                    "Several user accounts have the e-mail address %(email)s; "
                    "link the person to one of them by hand."
                )
                % {"email": row.email},
            )
            continue
        user = candidates[0] if candidates else None
        user_person = getattr(user, "person", None) if user else None
        person = people.get(row.external_id)
        claimed = False
        if person is None and user_person is not None:
            if user_person.external_id:
                report.error(
                    row.row,
                    _(
                        "The user account with the e-mail address %(email)s belongs to "
                        "the employee with id %(id)s."
                    )
                    % {"email": row.email, "id": user_person.external_id},
                )
                continue
            person, claimed = user_person, True  # someone who made their profile before the import
        if person is not None and person.kind != Person.Kind.EMPLOYEE:
            report.error(
                row.row,
                _("%(name)s is registered in Samskab as %(kind)s, not as an employee.")
                % {"name": person.name, "kind": str(person.get_kind_display()).lower()},
            )
            continue
        link: User | None = None
        if (person is None or person.user_id is None) and row.email:
            if user is not None:
                if user_person is not None and user_person != person:
                    report.error(
                        row.row,
                        _(
                            "The user account with the e-mail address %(email)s already "
                            "belongs to another person, %(name)s."
                        )
                        % {"email": row.email, "name": user_person.name},
                    )
                    continue
                link = user
            else:
                if taken_usernames is None:
                    taken_usernames = {
                        name.lower() for name in User.objects.values_list("username", flat=True)
                    }
                link = User(
                    username=_unique_username(row.email, taken_usernames),
                    email=row.email,
                    password=make_password(None),
                )
            if link.pk is not None:
                if link.pk in linked:
                    report.error(
                        row.row,
                        _("The user account %(user)s is already linked to row %(row)d.")
                        % {"user": link.get_username(), "row": linked[link.pk]},
                    )
                    continue
                linked[link.pk] = row.row
        _plan_person(row, person=person, claimed=claimed, link=link, report=report, state=state)


def _unique_username(email: str, taken: set[str]) -> str:
    limit = User._meta.get_field("username").max_length - 6
    base = re.sub(r"[^\w.+-]", "", email.split("@")[0].lower())[:limit] or "medarbejder"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}{number}"
    taken.add(candidate)
    return candidate


def _plan_person(
    row: _PersonRow,
    *,
    person: Person | None,
    claimed: bool,
    link: User | None,
    report: FileReport,
    state: State,
):
    result = RowResult(
        row=row.row, external_id=row.external_id, name=row.name, action=Action.UNCHANGED
    )
    unit = state.units_by_ext.get(row.unit_id) if row.unit_id else None
    if person is None:
        person = Person(
            kind=Person.Kind.EMPLOYEE,
            external_id=row.external_id,
            name=row.name,
            email=row.email or "",
            title=row.title or "",
            org_unit_id=unit.pk if unit else None,
        )
        result.action = Action.CREATE
        for name, value in (("email", row.email), ("title", row.title)):
            if value:
                result.changes.append(FieldChange(field_label(Person, name), "", value))
        if row.unit_id:
            shown = unit.name if unit else _planned_unit_name(row.unit_id, state)
            result.changes.append(FieldChange(field_label(Person, "org_unit"), "", shown))
        state.new_people.append(person)
    else:
        changes = result.changes
        if claimed:
            changes.append(
                FieldChange(field_label(Person, "external_id"), person.external_id, row.external_id)
            )
            person.external_id = row.external_id
        for name, value in (("name", row.name), ("email", row.email), ("title", row.title)):
            if value is not None and getattr(person, name) != value:
                changes.append(FieldChange(field_label(Person, name), getattr(person, name), value))
                setattr(person, name, value)
        if row.unit_id is not None:
            new_pk = unit.pk if unit else None
            if (row.unit_id and unit is None) or person.org_unit_id != new_pk:
                old = state.units[person.org_unit_id].name if person.org_unit_id else ""
                new = ""
                if row.unit_id:
                    new = unit.name if unit else _planned_unit_name(row.unit_id, state)
                changes.append(FieldChange(field_label(Person, "org_unit"), old, new))
                person.org_unit_id = new_pk
        if link is not None:
            changes.append(FieldChange(field_label(Person, "user"), "", _user_shown(link)))
        if changes:
            result.action = Action.UPDATE
            state.changed_people.append(person)
    if row.unit_id and unit is None:
        state.person_unit[id(person)] = row.unit_id  # a unit the units file creates
    if link is not None:
        if link.pk is None:
            state.new_users[id(person)] = link
        else:
            person.user = link
        if result.action == Action.CREATE:
            result.changes.append(FieldChange(field_label(Person, "user"), "", _user_shown(link)))
    exclude = ["user", "org_unit", "organisation", "created_at", "updated_at"]
    model_errors(row.row, person, exclude, report)
    report.rows.append(result)


def _planned_unit_name(ext: str, state: State) -> str:
    return next((u.name for u in state.new_units if u.external_id == ext), ext)


def _user_shown(user: User) -> str:
    if user.pk is None:
        return _("%(username)s (new account)") % {"username": user.get_username()}
    return user.get_username()
