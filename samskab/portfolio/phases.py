"""The seven phases of an innovation task (seed §4), as code.

A task moves from one phase to the next only by a gate decision (DESIGN rule 6).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Phase:
    number: int
    name: Promise
    purpose: Promise


PHASES = (
    Phase(1, _("Needs and ideas"), _("Uncover needs and problems, and capture ideas.")),
    Phase(2, _("Team"), _("Put the right team together.")),
    Phase(3, _("Develop and test"), _("Develop and test new solutions through trials.")),
    Phase(4, _("Business development"), _("Make the solution economically sustainable.")),
    Phase(5, _("Scale"), _("Scale the innovation to the whole area.")),
    Phase(6, _("Implement"), _("Implement the solution in daily operations.")),
    Phase(
        7, _("Spread"), _("Spread it to other areas and municipalities, and develop it further.")
    ),
)
FIRST, LAST = PHASES[0].number, PHASES[-1].number
BY_NUMBER = {phase.number: phase for phase in PHASES}


class PhaseNumber(models.IntegerChoices):
    NEEDS = 1, _("1. Needs and ideas")
    TEAM = 2, _("2. Team")
    DEVELOP = 3, _("3. Develop and test")
    BUSINESS = 4, _("4. Business development")
    SCALE = 5, _("5. Scale")
    IMPLEMENT = 6, _("6. Implement")
    SPREAD = 7, _("7. Spread")


def phase(number: int) -> Phase:
    return BY_NUMBER[number]
