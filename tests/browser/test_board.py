"""The portfolio board and the roadmap at a laptop's width and a phone's, axe-clean.

The board broke at 1280 px: phase 7 wrapped to a second row and words were
split mid-word ("Inkrement/el", "kontaktperso/n"). Now the seven phases stand in
one row at 1280 px, and at 375 px the row scrolls sideways in a region that the
keyboard reaches and scrolls.
"""

import pytest
from playwright.sync_api import expect

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}

# Every word of the board's text, and the words a line break split: a word whose
# pieces lie on more than one line. Words are split at spaces and hyphens, where a
# line may break.
BROKEN_WORDS = """(root) => {
    const broken = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
        const words = /[^\\s\\-–·/]+/g;
        let match;
        while ((match = words.exec(node.textContent))) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set(
                Array.from(range.getClientRects())
                    .filter((rect) => rect.width > 0)
                    .map((rect) => Math.round(rect.top))
            );
            if (lines.size > 1) broken.push(match[0]);
        }
    }
    return broken;
}"""

# Columns and cards whose content is wider than they are: text drawn over the next one.
OVERFLOWING = """(root) => Array.from(root.querySelectorAll('.board-column, .board-card'))
    .filter((box) => box.scrollWidth > box.clientWidth + 1)
    .map((box) => box.textContent.trim().slice(0, 40))"""


# Whether an element lies within the window's width (scrolled into sight sideways).
WITHIN_WIDTH = """(el) => {
    const box = el.getBoundingClientRect();
    return box.left >= 0 && box.right <= window.innerWidth;
}"""


def open_board(page, login, viewport):
    page.set_viewport_size(viewport)
    login(page, "innovationschef")
    page.goto("/portefolje/")
    return page.locator("main .board")


def test_at_a_laptops_width_the_seven_phases_stand_in_one_row_and_no_word_is_split(
    page, login, assert_accessible
):
    board = open_board(page, login, LAPTOP)
    headings = board.locator(".board-column h2")
    expect(headings).to_have_count(7)
    boxes = [headings.nth(i).bounding_box() for i in range(7)]
    assert len({round(box["y"]) for box in boxes}) == 1, "the phases wrap to another row"
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"] for box in boxes), (
        "a phase is outside the window"
    )
    for i in range(7):
        expect(headings.nth(i)).to_be_in_viewport()
    # The cards show what the board knows: type, area, owner and the signals in words.
    card = board.locator(".board-card", has_text="Træn dig fri")
    expect(card).to_contain_text("Social og Sundhed")
    expect(card).to_contain_text("Radikal")
    expect(board).to_contain_text("Næste gate")
    assert board.evaluate(BROKEN_WORDS) == []
    assert board.evaluate(OVERFLOWING) == []
    assert_accessible(page)


def test_on_a_phone_the_board_scrolls_sideways_with_the_keyboard(page, login, assert_accessible):
    board = open_board(page, login, PHONE)
    region = page.get_by_role("region", name="Opgaver efter fase")
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("(el) => el.scrollWidth > el.clientWidth"), "nothing to scroll"
    assert board.evaluate(BROKEN_WORDS) == []
    assert board.evaluate(OVERFLOWING) == []
    # The keyboard reaches the region and scrolls it to the last phase.
    for _ in range(60):
        page.keyboard.press("Tab")
        if region.evaluate("(el) => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the board's scroll region")
    last = board.locator(".board-column h2").nth(6)
    assert not last.evaluate(WITHIN_WIDTH)
    for _ in range(100):
        page.keyboard.press("ArrowRight")
        if last.evaluate(WITHIN_WIDTH):
            break
    else:
        pytest.fail("the arrow keys did not scroll the board to the last phase")
    assert region.evaluate("(el) => el.scrollLeft") > 0
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_roadmap_is_accessible_and_has_its_table(page, login, assert_accessible, viewport):
    open_board(page, login, viewport)
    page.get_by_role("link", name="Tidslinje").click()
    page.wait_for_url("**/portefolje/tidslinje/")
    figure = page.locator("main figure svg[role=img]")
    expect(figure).to_have_count(1)
    expect(page.locator("main table").first).to_contain_text("Træn dig fri")
    region = page.get_by_role("region", name="Tidslinjen", exact=True)
    expect(region).to_have_attribute("tabindex", "0")
    if viewport is PHONE:
        assert region.evaluate("(el) => el.scrollWidth > el.clientWidth")
    assert_accessible(page)
