"""The council report (/overblik/rapport/): what the innovation work did in a period.

For kommunalbestyrelse and direktion, for a period the reader chooses (both days
included): the portfolio and its changes, the decisions taken, the trials and
their effects, the benefits realised against the agreements, the ideas received
and answered, and what was spread. The same figures make the page, its print,
its PDF and its XLSX.

Each section is read in one or two SQL statements whatever the data size:

- portfolio: the tasks open at some time in the period, and their gate, pause and
  resume decisions. A task's phase and status at a date are read back from those
  decisions: the phase before the first gate after the date, the status of the
  last pause or resume on or before it. A task with no such decision (entered
  before Samskab kept them) keeps the phase and status it has now;
- decisions: every decision dated in the period, with its forum (and the forums);
- trials: those that ran in the period (started by its end, ended after its
  start), with their measurements; the effect is computed as on the trial's page
  (``evidence.effects``), the level is the learning card's once concluded;
- benefits: the yearly targets of the signed agreements, pro rata for the days of
  each year the period covers (in whole kroner), against the realisations whose
  period ends in the report's period; only the benefit level of each map counts,
  as in the roll-up;
- ideas: confirmed ideas received in the period by kind and where they are now
  (ideas hidden by moderation are not counted), and the answers given in the
  period by kind and answer.

What was spread comes from the portfolio: Samskab keeps no adoptions yet, so the
report lists the tasks completed in the period and those in phase 7 (spread) at
its end, and says so. Figures are as recorded on the day the report is made.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from .benefits import BenefitsSection, TaskBenefit, benefits_section, share_of_year
from .decisions import DecisionsSection, KindCount, decisions_section
from .ideas import AnswerRow, IdeaKindRow, IdeasSection, ideas_section
from .period import (
    Period,
    Preset,
    last_quarter,
    last_twelve_months,
    last_year,
    presets,
    year_before,
    year_so_far,
)
from .portfolio import (
    Change,
    PhaseCount,
    PortfolioSection,
    SpreadSection,
    TaskChange,
    TaskInPeriod,
    portfolio_section,
    spread_section,
)
from .trials import TrialRow, TrialsSection, trials_section

__all__ = [
    "AnswerRow",
    "BenefitsSection",
    "Change",
    "CouncilReport",
    "DecisionsSection",
    "IdeaKindRow",
    "IdeasSection",
    "KindCount",
    "Period",
    "PhaseCount",
    "PortfolioSection",
    "Preset",
    "SpreadSection",
    "TaskBenefit",
    "TaskChange",
    "TaskInPeriod",
    "TrialRow",
    "TrialsSection",
    "benefits_section",
    "council_report",
    "decisions_section",
    "ideas_section",
    "last_quarter",
    "last_twelve_months",
    "last_year",
    "portfolio_section",
    "presets",
    "share_of_year",
    "spread_section",
    "trials_section",
    "year_before",
    "year_so_far",
]


@dataclass
class CouncilReport:
    period: Period
    made_at: datetime
    portfolio: PortfolioSection
    decisions: DecisionsSection
    trials: TrialsSection
    benefits: BenefitsSection
    ideas: IdeasSection
    spread: SpreadSection = field(init=False)

    def __post_init__(self) -> None:
        self.spread = spread_section(self.portfolio)


def council_report(period: Period, *, now: datetime | None = None) -> CouncilReport:
    """The whole report for ``period``, in ten queries whatever the amount of data."""
    now = now or timezone.now()
    return CouncilReport(
        period=period,
        made_at=now,
        portfolio=portfolio_section(period),
        decisions=decisions_section(period),
        trials=trials_section(period, today=timezone.localdate(now)),
        benefits=benefits_section(period),
        ideas=ideas_section(period),
    )
