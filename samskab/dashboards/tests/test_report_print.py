"""The council report on A4: no table cut off, no row or figure split, no heading alone at a page's foot.

The print rules live in samskab.css; the layout is checked on the pages WeasyPrint
lays out from the report's own HTML, as the server's PDF has them.
"""

from datetime import date
from pathlib import Path

import pytest
import tinycss2
from django.conf import settings
from django.urls import reverse

from samskab.accounts import roles
from samskab.core import pdf
from samskab.governance.models import Decision, Forum

from .report_data import FIRST, LAST, Builder, moment

CSS = Path(settings.BASE_DIR) / "samskab" / "static" / "css" / "samskab.css"
HEADINGS = {"h1", "h2", "h3", "h4"}


def print_rules() -> dict[str, dict[str, str]]:
    """Each selector of the stylesheet's print rules with its declarations."""
    rules: dict[str, dict[str, str]] = {}
    for rule in tinycss2.parse_stylesheet(
        CSS.read_text(), skip_whitespace=True, skip_comments=True
    ):
        if rule.type != "at-rule" or rule.lower_at_keyword != "media":
            continue
        if "print" not in tinycss2.serialize(rule.prelude):
            continue
        for inner in tinycss2.parse_rule_list(
            rule.content, skip_whitespace=True, skip_comments=True
        ):
            if inner.type != "qualified-rule":
                continue
            declarations = {
                d.lower_name: tinycss2.serialize(d.value).strip()
                for d in tinycss2.parse_declaration_list(inner.content, skip_whitespace=True)
                if d.type == "declaration"
            }
            for selector in tinycss2.serialize(inner.prelude).split(","):
                rules.setdefault(selector.strip(), {}).update(declarations)
    return rules


def test_the_print_rules_keep_headings_rows_and_figures_together_and_repeat_table_headers():
    rules = print_rules()

    for heading in ("h2", "h3", "caption"):
        assert rules[heading]["break-after"] == "avoid"
    for block in ("tr", "figure", ".report-figure"):
        assert rules[block]["break-inside"] == "avoid"
    assert rules["thead"]["display"] == "table-header-group"
    assert rules[".table--responsive-scroll"]["overflow"] == "visible"
    # What was there before stays: a meeting pack's brief still starts a page.
    assert rules[".brief"]["break-before"] == "page"


# The layout ------------------------------------------------------------------------


def _boxes():
    from weasyprint.formatting_structure import boxes

    return boxes


def flow(box):
    """The page's blocks in reading order: headings, paragraphs, body rows, figures, list items."""
    boxes = _boxes()
    if isinstance(box, boxes.TableRowGroupBox) and (box.is_header or box.is_footer):
        return  # a table's header and footer rows are repeated on each page by design
    tag = getattr(box, "element_tag", None)
    if tag in HEADINGS | {"p", "tr", "figure", "dt", "dd", "li"} and isinstance(
        box, boxes.BlockBox | boxes.TableRowBox
    ):
        yield box
        return
    for child in getattr(box, "children", None) or []:
        yield from flow(child)


def tables(box):
    if isinstance(box, _boxes().TableBox):
        yield box
    for child in getattr(box, "children", None) or []:
        yield from tables(child)


@pytest.fixture
def long_report(personas, unit, settings):
    """Enough tasks, decisions by every forum, trials and benefits for several A4 pages."""
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 100
    build = Builder(personas, unit)
    for i in range(14):
        task = build.task(
            f"Velfærdsteknologi i hjemmeplejen, spor {i}", started_on=date(2024, 1, 1), phase=4
        )
        build.gate(task, on=date(2025, 1 + i % 6, 10), to_phase=4)
        for forum in Forum.Kind.values:
            build.decision(
                Decision.Kind.RECOMMENDATION
                if forum != Forum.Kind.EXECUTIVE
                else Decision.Kind.RECALIBRATE,
                on=date(2025, 2, 1 + i),
                task=task,
                forum=forum,
                rationale="Udvalget anbefaler, at opgaven fortsætter med en justeret ambition. "
                * 3,
            )
        build.trial(
            task, f"Skærmbesøg om natten {i}", starts_on=FIRST, ends_on=LAST, concluded_level=2
        )
        line = build.benefit_line(task, targets={2025: str(100000 + 1000 * i)})
        build.realise(line, "40000", start=FIRST, end=LAST)
        build.idea(confirmed_at=moment(FIRST))


def test_printed_on_a4_no_table_is_cut_off_no_row_is_split_and_no_heading_ends_a_page(
    long_report, client, personas
):
    client.force_login(personas[roles.DIREKTION])
    html = client.get(reverse("dashboards:report"), {"fra": "2025-01-01", "til": "2025-06-30"})

    document = pdf.render(html.content.decode(), base_url="http://testserver/")

    assert len(document.pages) >= 4
    seen_on: dict[int, set[int]] = {}
    for number, page in enumerate(document.pages, start=1):
        root = page._page_box
        html_box = root.children[0]
        right_edge = html_box.content_box_x() + html_box.width
        for table in tables(root):
            assert table.position_x + table.border_width() <= right_edge + 0.5, (
                f"A table runs past the right margin on page {number}"
            )
        blocks = list(flow(root))
        if number < len(document.pages):
            assert blocks[-1].element_tag not in HEADINGS, (
                f"Page {number} ends with the heading {blocks[-1].element_tag}"
            )
        for block in blocks:
            if block.element_tag == "tr":
                seen_on.setdefault(id(block.element), set()).add(number)
    assert not [pages for pages in seen_on.values() if len(pages) > 1], (
        "A row is split across pages"
    )
