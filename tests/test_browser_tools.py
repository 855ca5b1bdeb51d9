"""Workshop tools in headless Chromium: self-assessment, group view, canvas and roadmap."""

from __future__ import annotations

import json

import pytest
import yaml
from playwright.sync_api import expect

from conftest import REPO

pytestmark = pytest.mark.browser
DEF = yaml.safe_load((REPO / "tests/fixtures/mini/course/assessment.yml").read_text())


def fill_assessment(page, rating_for):
    """Rate every statement: rating_for(dimension_index, statement_index) -> value."""
    for di, d in enumerate(DEF["dimensions"]):
        for si, st in enumerate(d["statements"]):
            page.locator(f'#st-{st["id"]}-{rating_for(di, si)}').check()


def export_assessment(page, tmp_path, name):
    page.get_by_label("Your name or a code").fill(name)
    with page.expect_download() as dl:
        page.get_by_role("button", name="Export my answers").click()
    out = tmp_path / f"{name}.json"
    dl.value.save_as(out)
    return out


def test_assessment_chart_strongest_weakest_persist_and_export(page, mini_url, tmp_path):
    page.goto(mini_url + "tools/assessment/")
    root = page.locator("[data-assessment]")
    assert root.locator("[data-dimension]").count() == 6
    assert root.locator("[data-statement]").count() == sum(len(d["statements"]) for d in DEF["dimensions"])
    # dimension 0 strongest (5), dimension 4 weakest (1), others 3
    fill_assessment(page, lambda di, si: 5 if di == 0 else 1 if di == 4 else 3)
    result = page.locator("[data-assessment-result]")
    svg = result.locator("svg[role=img]")
    expect(svg).to_be_visible()
    assert "Strategy and leadership: 5 of 5" in svg.get_attribute("aria-label")
    expect(result.locator("[data-assess-summary]")).to_contain_text("Strongest dimension: Strategy and leadership (5)")
    expect(result.locator("[data-assess-summary]")).to_contain_text("Weakest dimension: Data (1)")
    expect(result.locator('[data-dim-lessons="data"] a')).to_be_visible()
    page.reload()
    expect(page.locator(f'#st-{DEF["dimensions"][4]["statements"][0]["id"]}-1')).to_be_checked()
    out = export_assessment(page, tmp_path, "amina")
    data = json.loads(out.read_text())
    assert data["format"] == "digit4sd-assessment" and data["participant"] == "amina"
    assert data["answers"][DEF["dimensions"][0]["statements"][0]["id"]] == 5


def test_group_view_two_participants_mean_and_refusals(page, mini_url, tmp_path):
    page.goto(mini_url + "tools/assessment/")
    fill_assessment(page, lambda di, si: 4)
    a = export_assessment(page, tmp_path, "p1")
    fill_assessment(page, lambda di, si: 2 if si == 0 else 4)
    b = export_assessment(page, tmp_path, "p2")
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps({"format": "digit4sd-assessment", "version": 1, "course": "mini",
                                   "participant": "<img src=x onerror=window.pwned=1>",
                                   "answers": {DEF["dimensions"][0]["statements"][0]["id"]: "<b>5</b>"}}))
    page.goto(mini_url + "tools/group/")
    group = page.locator("[data-assessment-group]")
    page.get_by_label("Participants' export files").set_input_files([str(a), str(b), str(bad), str(hostile)])
    expect(group.locator("[data-participants]")).to_have_text("2")
    expect(group.locator("[data-group-status]")).to_contain_text("Refused bad.json: not valid JSON")
    expect(group.locator("[data-group-status]")).to_contain_text("Refused hostile.json: it has a rating outside the scale")
    # Strategy: p1 mean 4, p2 mean (2 + 4*4)/5 = 3.6 -> group mean 3.8
    expect(group.locator('[data-group-dimension="strategy"]')).to_have_attribute("data-mean", "3.8")
    expect(group.locator("[data-group-disagree] li").first).to_contain_text("(ratings from 2 to 4)")
    expect(group.locator("svg[role=img]")).to_be_visible()
    assert page.evaluate("window.pwned") is None and page.locator("img[src=x]").count() == 0
    with page.expect_download() as dl:
        page.get_by_role("button", name="Export the combined result").click()
    combined = json.loads(open(dl.value.path()).read())
    assert combined["participants"] == 2


def test_canvas_keeps_text_and_exports_markdown_then_roadmap(page, mini_url, tmp_path):
    page.goto(mini_url + "tools/canvas/")
    canvas = page.locator("[data-canvas]")
    assert canvas.locator("textarea").count() == 12
    page.get_by_label("Name of the initiative").fill("Online birth registration")
    page.get_by_label("Problem and SDG targets").fill("Parents travel far to register births (SDG 16.9).")
    page.get_by_label("Status and next steps").fill("- Pilot in two districts\n- Train registrars")
    page.reload()
    expect(page.get_by_label("Problem and SDG targets")).to_have_value("Parents travel far to register births (SDG 16.9).")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Export as Markdown").click()
    md = open(dl.value.path()).read()
    assert "# Online birth registration" in md and "Parents travel far to register births" in md
    page.goto(mini_url + "tools/roadmap/")
    page.get_by_role("button", name="Add rows from the canvas").click()
    expect(page.locator("[data-roadmap-status]")).to_contain_text("2 rows were added")
    page.get_by_label("Owner, row 1").fill("=HYPERLINK(\"x\")")
    page.reload()
    expect(page.get_by_label("Activity, row 2")).to_have_value("Train registrars")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Export as CSV").click()
    csv = open(dl.value.path()).read()
    assert csv.splitlines()[0] == "activity,owner,timeline,resources,indicator"
    assert "Pilot in two districts,\"'=HYPERLINK(\"\"x\"\")\"" in csv


def test_canvas_import_refuses_foreign_files(page, mini_url, tmp_path):
    page.goto(mini_url + "tools/canvas/")
    page.get_by_label("Problem and SDG targets").fill("keep me")
    bad = tmp_path / "c.json"
    bad.write_text(json.dumps({"format": "digit4sd-canvas", "version": 1, "title": "x", "blocks": {"evil": "<script>"}}))
    page.get_by_label("Import a canvas").set_input_files(str(bad))
    expect(page.locator("[data-canvas-status]")).to_contain_text("Import refused")
    expect(page.get_by_label("Problem and SDG targets")).to_have_value("keep me")
