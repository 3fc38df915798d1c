"""The REST API at /api/v1/: its OpenAPI document at /api/v1/openapi.json and the
interactive documentation (Swagger UI, served from django-ninja's own static files)
at /api/v1/docs. See docs/api.md."""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from . import errors
from .auth import ApiAuth
from .endpoints import benefits, catalogue, evidence, governance, ideas, tasks

api = NinjaAPI(
    title="Samskab API",
    version="1",
    description=(
        "Ideas, challenges, tasks, decisions, meetings, the catalogue and the benefit "
        "roll-up, with the same rights as the pages. Errors: "
        '`{"detail": "...", "code": "..."}` in Danish or English (Accept-Language).'
    ),
    auth=ApiAuth(),
    urls_namespace="api-v1",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
for module in (ideas, tasks, governance, catalogue, benefits, evidence):
    api.add_router("", module.router)
