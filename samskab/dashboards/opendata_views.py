"""Open data (/aabenhed/): the public part of the cockpit, as a page and as files, for anyone."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control

from samskab.core import ratelimit

from . import funnel, funnel_tables, opendata

# Anonymous clients share caches; each may fetch the files this often.
DOWNLOAD_RATE = "60/h"
SHOWN = 25  # rows of the longer lists on the page; the files have them all


def _cacheable(request, response):
    """Public for anonymous visitors (nothing personal on the page); private for the logged in."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=funnel.CACHE_SECONDS)
    return response


def open_data_page(request):
    data = opendata.open_data()
    rows = {name: opendata.labelled(name, data.rows[name]) for name in data.rows}
    steps = funnel_tables.step_rows(data.result)
    tasks = rows["portfolio"]
    running = [task for task in tasks if task["status"] != "completed"]
    completed = sorted(
        (task for task in tasks if task["status"] == "completed"),
        key=lambda task: (task["ended_on"], task["task_id"]),
        reverse=True,
    )
    response = render(
        request,
        "dashboards/open_data.html",
        {
            "period": data.result.current.period,
            "previous": data.result.previous.period,
            "deadline_days": data.result.deadline_days,
            "steps": steps,
            "funnel_chart": funnel_tables.funnel_chart(steps),
            "waits": funnel_tables.wait_rows(data.result),
            "running": running,
            "completed": completed[:SHOWN],
            "completed_count": len(completed),
            "decisions": rows["decisions"][:SHOWN],
            "decision_count": len(rows["decisions"]),
            "trials": rows["trials"][:SHOWN],
            "trial_count": len(rows["trials"]),
            "benefits": _benefit_totals(data.rows["benefits"]),
            "datasets": opendata.DATASETS,
            "download_rate": ratelimit.parse(DOWNLOAD_RATE)[0],
            "cache_minutes": funnel.CACHE_SECONDS // 60,
        },
    )
    return _cacheable(request, response)


def _benefit_totals(rows: list[dict]) -> list[dict]:
    """What every published task realised together, by kind, unit and year."""
    totals: dict[tuple, dict] = {}
    for row in opendata.labelled("benefits", rows):
        key = (row["kind"], row["unit"].strip().lower(), row["year"])
        total = totals.setdefault(key, {**row, "realised": 0, "tasks": set()})
        total["realised"] += row["realised"]
        total["tasks"].add(row["task_id"])
    ordered = sorted(totals.values(), key=lambda row: (row["kind_label"], row["unit"], row["year"]))
    return [{**row, "tasks": len(row["tasks"])} for row in ordered]


def _download(request, content: bytes, *, content_type: str, filename: str, attachment: bool):
    response = HttpResponse(content, content_type=content_type)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=funnel.CACHE_SECONDS)
    return response


def _refused(request):
    response = ratelimit.too_many_requests(request)
    response["Retry-After"] = str(ratelimit.parse(DOWNLOAD_RATE)[1])
    return response


def open_data_json(request):
    if not ratelimit.allow(request, action="open-data", rate=DOWNLOAD_RATE):
        return _refused(request)
    data = opendata.open_data()
    return _download(
        request,
        opendata.as_json(data, source=settings.SAMSKAB_MUNICIPALITY_NAME),
        content_type="application/json; charset=utf-8",
        filename=f"samskab-aabne-data-{timezone.localdate():%Y-%m-%d}.json",
        attachment=False,
    )


def open_data_zip(request):
    if not ratelimit.allow(request, action="open-data", rate=DOWNLOAD_RATE):
        return _refused(request)
    data = opendata.open_data()
    return _download(
        request,
        opendata.as_zip(data),
        content_type="application/zip",
        filename=f"samskab-aabne-data-{timezone.localdate():%Y-%m-%d}.zip",
        attachment=True,
    )
