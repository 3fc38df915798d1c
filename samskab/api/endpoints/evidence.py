"""Measurements of a trial, recorded by the task's team."""

from datetime import date
from decimal import Decimal

from ninja import Field, Router, Schema, Status

from samskab.evidence import services
from samskab.evidence.models import Measurement
from samskab.evidence.permissions import get_experiment_for

from ..auth import writer

router = Router(tags=["trials"])


class MeasurementIn(Schema):
    measured_on: date
    value: Decimal = Field(max_digits=14, decimal_places=4)
    group: str = Measurement.Group.TRIAL
    observations: int = Field(1, ge=1)
    source: str = Field("", max_length=200)
    note: str = Field("", max_length=500)


class MeasurementOut(Schema):
    id: int
    experiment_id: int
    measured_on: date
    group: str
    value: Decimal
    observations: int
    source: str
    note: str


@router.post(
    "/experiments/{int:pk}/measurements",
    response={201: MeasurementOut},
    summary="Record a measurement of a trial",
)
def measurement_create(request, pk: int, payload: MeasurementIn):
    user = writer(request, action="api-write", rate="120/h")
    experiment = get_experiment_for(user, pk, perm="evidence.record_measurement")
    measurement = Measurement(**payload.dict())
    return Status(
        201, services.measurement_add(experiment=experiment, measurement=measurement, by=user)
    )
