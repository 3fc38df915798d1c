"""Planning a file of units: check every row and the tree it makes, then what would change."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import override

from ..models import OrgUnit
from .planning import State, check_text, field_label, model_errors
from .reading import Table, check_cells
from .report import Action, FieldChange, FileReport, RowResult


def _kind_aliases() -> dict[str, str]:
    aliases = {"område": OrgUnit.Kind.AREA.value, "omrade": OrgUnit.Kind.AREA.value}
    for kind in OrgUnit.Kind:
        aliases[kind.value] = kind.value
        for language in ("da", "en"):
            with override(language):
                aliases[str(kind.label).lower()] = kind.value
    return aliases


def _kind_for_depth(depth: int) -> str:
    if depth == 0:
        return OrgUnit.Kind.MUNICIPALITY
    if depth == 1:
        return OrgUnit.Kind.AREA
    return OrgUnit.Kind.DEPARTMENT


@dataclass
class _UnitRow:
    row: int
    external_id: str
    parent_id: str
    name: str
    kind: str  # empty: keep the unit's kind, or take it from its depth if it is new
    ok: bool = True


def plan_units(table: Table, columns: dict[str, int], report: FileReport, state: State):
    kinds = _kind_aliases()
    id_what, parent_what = _("Unit id"), _("Parent id")
    by_id: dict[str, _UnitRow] = {}
    for number, cells in table.rows:
        errors_before = len(report.errors)
        check_cells(number, cells, table.headers, report)
        unit = _UnitRow(
            row=number,
            external_id=cells[columns["unit_id"]],
            parent_id=cells[columns["parent_id"]],
            name=cells[columns["name"]],
            kind=cells[columns["kind"]] if "kind" in columns else "",
        )
        ext_ok = check_text(
            number,
            unit.external_id,
            model=OrgUnit,
            name="external_id",
            what=id_what,
            report=report,
            required=True,
        )
        check_text(
            number,
            unit.parent_id,
            model=OrgUnit,
            name="external_id",
            what=parent_what,
            report=report,
        )
        check_text(
            number,
            unit.name,
            model=OrgUnit,
            name="name",
            what=_("Name"),
            report=report,
            required=True,
        )
        if unit.kind:
            if unit.kind.lower() not in kinds:
                report.error(
                    number,
                    _("%(kind)s is not a known level; use one of: %(kinds)s.")
                    % {"kind": unit.kind, "kinds": ", ".join(OrgUnit.Kind.values)},
                )
            else:
                unit.kind = kinds[unit.kind.lower()]
        unit.ok = len(report.errors) == errors_before
        if not ext_ok:
            continue
        if unit.external_id in by_id:
            report.error(
                number,
                _("The unit id %(id)s appears more than once in the file (first in row %(row)d).")
                % {"id": unit.external_id, "row": by_id[unit.external_id].row},
            )
            continue
        by_id[unit.external_id] = unit
    state.file_unit_ids.update(by_id)

    # The tree as it will be: file units by their id (str), the others by their pk (int).
    def parent_of(node: str | int) -> str | int | None:
        if isinstance(node, str):
            parent_id = by_id[node].parent_id
            if not parent_id or parent_id == node:
                return None
            if parent_id in by_id:
                return parent_id
            parent = state.units_by_ext.get(parent_id)
            return None if parent is None else parent.pk
        parent_pk = state.units[node].parent_id
        if parent_pk is None:
            return None
        parent_ext = state.units[parent_pk].external_id
        return parent_ext if parent_ext in by_id else parent_pk

    for unit in by_id.values():
        if not unit.parent_id:
            continue
        if unit.parent_id == unit.external_id:
            report.error(unit.row, _("A unit cannot be its own parent."))
            unit.ok = False
        elif unit.parent_id not in by_id and unit.parent_id not in state.units_by_ext:
            report.error(
                unit.row,
                _("The parent id %(id)s is neither in the file nor in Samskab.")
                % {"id": unit.parent_id},
            )
            unit.ok = False

    depth: dict[str | int, int] = {}
    in_cycle: set[str | int] = set()
    for start in by_id:
        path: list[str | int] = []
        on_path: set[str | int] = set()
        node: str | int | None = start
        while node is not None and node not in depth and node not in in_cycle:
            if node in on_path:
                cycle = path[path.index(node) :]
                in_cycle.update(cycle)
                for member in cycle:
                    if isinstance(member, str):
                        by_id[member].ok = False
                        report.error(
                            by_id[member].row,
                            _("The unit %(id)s is part of a loop of parent links: %(loop)s.")
                            % {
                                "id": member,
                                "loop": " → ".join(
                                    m if isinstance(m, str) else state.units[m].name
                                    for m in [*cycle, cycle[0]]
                                ),
                            },
                        )
                break
            on_path.add(node)
            path.append(node)
            node = parent_of(node)
        base = -1 if node is None else depth.get(node)
        for member in reversed(path):
            if member in in_cycle or base is None:
                break
            base += 1
            depth[member] = base

    for unit in by_id.values():
        _plan_unit(
            unit, by_id=by_id, depth=depth.get(unit.external_id, 0), report=report, state=state
        )


def _unit_name(ext: str, by_id: dict[str, _UnitRow], state: State) -> str:
    if ext in by_id:
        return by_id[ext].name
    return state.units_by_ext[ext].name


def _plan_unit(unit: _UnitRow, *, by_id, depth: int, report: FileReport, state: State):
    if not unit.ok:
        return
    existing = state.units_by_ext.get(unit.external_id)
    parent = state.units_by_ext.get(unit.parent_id) if unit.parent_id else None
    parent_is_new = bool(unit.parent_id) and parent is None
    result = RowResult(
        row=unit.row, external_id=unit.external_id, name=unit.name, action=Action.UNCHANGED
    )
    if existing is None:
        instance = OrgUnit(
            name=unit.name,
            kind=unit.kind or _kind_for_depth(depth),
            external_id=unit.external_id,
            parent_id=parent.pk if parent else None,
        )
        result.action = Action.CREATE
        result.changes.append(
            FieldChange(field_label(OrgUnit, "kind"), "", OrgUnit.Kind(instance.kind).label)
        )
        if unit.parent_id:
            result.changes.append(
                FieldChange(
                    field_label(OrgUnit, "parent"), "", _unit_name(unit.parent_id, by_id, state)
                )
            )
        state.new_units.append(instance)
    else:
        instance = existing
        changes = result.changes
        if existing.name != unit.name:
            changes.append(FieldChange(field_label(OrgUnit, "name"), existing.name, unit.name))
            instance.name = unit.name
        if unit.kind and existing.kind != unit.kind:
            changes.append(
                FieldChange(
                    field_label(OrgUnit, "kind"),
                    OrgUnit.Kind(existing.kind).label,
                    OrgUnit.Kind(unit.kind).label,
                )
            )
            instance.kind = unit.kind
        new_parent_pk = parent.pk if parent else None
        if parent_is_new or existing.parent_id != new_parent_pk:
            old = state.units[existing.parent_id].name if existing.parent_id else ""
            new = _unit_name(unit.parent_id, by_id, state) if unit.parent_id else ""
            changes.append(FieldChange(field_label(OrgUnit, "parent"), old, new))
            instance.parent_id = new_parent_pk
        if changes:
            result.action = Action.UPDATE
            state.changed_units.append(instance)
    if parent_is_new:
        state.new_unit_parent[unit.external_id] = unit.parent_id
    model_errors(unit.row, instance, ["parent", "created_at", "updated_at"], report)
    report.rows.append(result)
