from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def home(request):
    return render(request, "core/home.html")


@require_GET
@never_cache
def healthz(request):
    """Liveness and database check for load balancers; the benchmarks' baseline."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


def accessibility_statement(request):
    return render(request, "core/accessibility.html")


def was(request):
    """/was: the address Danish public websites give their accessibility statement."""
    return redirect("core:accessibility", permanent=True)


def privacy(request):
    return render(request, "core/privacy.html")
