"""The benefit roll-up, and realisations recorded against a line of a signed agreement."""

from datetime import date
from decimal import Decimal

from ninja import Field, Router, Schema, Status

from samskab.benefits import queries, services
from samskab.benefits.models import BenefitRealisation
from samskab.benefits.permissions import get_line_for

from ..auth import writer
from .common import require

router = Router(tags=["benefits"])


class RollupRowOut(Schema):
    kind: str
    label: str
    expected: Decimal
    realised: Decimal
    taken_home: Decimal
    share: Decimal | None = Field(description="Realised in per cent of expected")


class RealisationIn(Schema):
    period_start: date
    period_end: date
    value: Decimal = Field(max_digits=14, decimal_places=2)
    evidence: str = Field("", max_length=5_000)


class RealisationOut(Schema):
    id: int
    line_id: int
    period_start: date
    period_end: date
    value: Decimal
    evidence: str


@router.get("/benefits/rollup", response=list[RollupRowOut], summary="Benefits by kind")
def rollup(request):
    require(request, "benefits.view_rollup")
    return [
        {
            "kind": row.key,
            "label": str(row.label),
            "expected": row.expected,
            "realised": row.realised,
            "taken_home": row.taken_home,
            "share": row.share,
        }
        for row in queries.rollup_by_kind()
    ]


@router.post(
    "/benefit-lines/{int:pk}/realisations",
    response={201: RealisationOut},
    summary="Record what a line realised in a period",
)
def realisation_create(request, pk: int, payload: RealisationIn):
    user = writer(request, action="api-write", rate="120/h")
    line = get_line_for(user, pk, perm="benefits.record_realisation")
    realisation = BenefitRealisation(line=line, **payload.dict())
    return Status(201, services.realisation_record(realisation=realisation, by=user))
