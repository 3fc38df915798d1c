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


def _cacheable(request, response):
    """Public for anonymous visitors (nothing personal on the page); private for the logged in."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=funnel.CACHE_SECONDS)
    return response


def open_data_page(request):
    page = opendata.page_data()
    steps = funnel_tables.step_rows(page.result)
    response = render(
        request,
        "dashboards/open_data.html",
        {
            "period": page.result.current.period,
            "previous": page.result.previous.period,
            "deadline_days": page.result.deadline_days,
            "steps": steps,
            "funnel_chart": funnel_tables.funnel_chart(steps),
            "waits": funnel_tables.wait_rows(page.result),
            "running": opendata.labelled("portfolio", page.running),
            "completed": opendata.labelled("portfolio", page.completed),
            "completed_count": page.completed_count,
            "decisions": opendata.labelled("decisions", page.decisions),
            "decision_count": page.decision_count,
            "trials": opendata.labelled("trials", page.trials),
            "trial_count": page.trial_count,
            "benefits": [
                {**row, "kind_label": opendata.BENEFIT_KINDS.get(row["kind"], row["kind"])}
                for row in page.benefits
            ],
            "datasets": opendata.DATASETS,
            "download_rate": ratelimit.parse(DOWNLOAD_RATE)[0],
            "cache_minutes": funnel.CACHE_SECONDS // 60,
            "cache_seconds": funnel.CACHE_SECONDS,
            "made_at": page.made_at.timestamp(),
        },
    )
    return _cacheable(request, response)


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
