"""The council report: the page (which is also its print view), its PDF and its XLSX."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from samskab.benefits import charts
from samskab.core import pdf
from samskab.core.decorators import require_perm

from . import report as data
from .report_forms import ReportPeriodForm
from .report_xlsx import report_workbook

TEMPLATE = "dashboards/report.html"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _context(request) -> dict:
    today = timezone.localdate()
    form = ReportPeriodForm(request.GET or None, today=today)
    period = form.period()
    report = data.council_report(period) if period else None
    economic = report.benefits.economic if report else []
    return {
        "form": form,
        "presets": data.presets(today),
        "period": period,
        "report": report,
        "economic_chart": charts.bar_chart(economic, kroner=True) if economic else None,
    }


def _download(content: bytes, *, content_type: str, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def _back_to_the_form(request):
    """A download asked for with a period that is not valid: the page shows why."""
    return redirect(f"{reverse('dashboards:report')}?{request.GET.urlencode()}")


@require_safe
@require_perm("dashboards.view_council_report")
def report(request):
    return render(request, TEMPLATE, _context(request))


@require_safe
@require_perm("dashboards.view_council_report")
def report_pdf(request):
    context = _context(request)
    if context["report"] is None:
        return _back_to_the_form(request)
    html = render_to_string(TEMPLATE, context, request=request)
    try:
        content = pdf.html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    except pdf.PdfUnavailable:
        return render(request, "dashboards/report_no_pdf.html", context, status=503)
    return _download(
        content, content_type="application/pdf", file_name=context["period"].file_name("pdf")
    )


@require_safe
@require_perm("dashboards.view_council_report")
def report_xlsx(request):
    context = _context(request)
    if context["report"] is None:
        return _back_to_the_form(request)
    return _download(
        report_workbook(context["report"]),
        content_type=XLSX,
        file_name=context["period"].file_name("xlsx"),
    )
