"""The roles of Samskab (DESIGN §5), as the names of Django groups.

The groups themselves are created by migration 0002_create_role_groups. Team
member and innovation partner are not groups: they are per task.
"""

from django.utils.translation import gettext_lazy as _

BORGER = "borger"
MEDARBEJDER = "medarbejder"
OMRAADELEDER = "omraadeleder"
INNOVATIONSENHED = "innovationsenhed"
INNOVATIONSCHEF = "innovationschef"
DIREKTION = "direktion"
CHEFFORUM = "chefforum"
OPGAVEUDVALG = "opgaveudvalg"
KOMMUNALBESTYRELSE = "kommunalbestyrelse"
OEKONOMI = "oekonomi"
ADMINISTRATOR = "administrator"

LABELS = {
    BORGER: _("Citizen"),
    MEDARBEJDER: _("Employee"),
    OMRAADELEDER: _("Area manager"),
    INNOVATIONSENHED: _("Innovation unit staff"),
    INNOVATIONSCHEF: _("Innovation chief"),
    DIREKTION: _("Executive board"),
    CHEFFORUM: _("Heads' forum"),
    OPGAVEUDVALG: _("Task committee"),
    KOMMUNALBESTYRELSE: _("Municipal council"),
    OEKONOMI: _("Finance"),
    ADMINISTRATOR: _("Administrator"),
}

ALL = tuple(LABELS)

# Roles held by people employed by the municipality.
EMPLOYEE_ROLES = (
    MEDARBEJDER,
    OMRAADELEDER,
    INNOVATIONSENHED,
    INNOVATIONSCHEF,
    DIREKTION,
    CHEFFORUM,
    OEKONOMI,
    ADMINISTRATOR,
)
# Elected or appointed members of political bodies.
POLITICAL_ROLES = (OPGAVEUDVALG, KOMMUNALBESTYRELSE)
