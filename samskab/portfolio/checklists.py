"""The exit checklists Samskab comes with, by code, in the reader's language.

The unit edits the checklists (``/portefolje/tjeklister/``); an item it adds or
rewrites is shown as written. Items that a gate requirement decides by itself
(a team with innovation partners, covered competencies, a concluded trial, a
signed benefit agreement, an approved scaling plan) are not on the checklists: the task page answers them
from the data, and a ticked box beside an unmet rule would only contradict it.
"""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "problem-described": _("The problem is described with data and in the citizens' own words"),
    "owner-confirmed": _("The owner and the owning area have confirmed the task"),
    "effect-shared": _("The effect is documented and shared with the owner"),
    "business-case": _("A business case is made"),
    "operations-funded": _("The funding of running the solution is settled"),
    "scaling-plan": _("A plan for scaling across the whole area is approved"),
    "in-operation": _("The solution is part of daily operations"),
    "benefits-followed": _("The benefits are measured and followed up"),
    "others-contacted": _("Other areas or municipalities are contacted about spreading it"),
    "learning-shared": _("What was learned is written down and shared"),
}
