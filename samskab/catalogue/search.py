"""Danish full-text search of the catalogue, by the ideas' own mechanism (``ideas.search``).

The same query language, stop words and Snowball stems as the ideas: on PostgreSQL a
``search_vector`` column (title weight A, the rest weight B) queried with the
``to_tsquery`` expression ``ideas.search`` builds; on SQLite an FTS5 table of stemmed
text per model (migration 0002) queried with its FTS5 expression and ranked by bm25.
The services index an entry whenever they write it.
"""

from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import F, QuerySet

from samskab.ideas.search import (
    FTS_COLUMN_WEIGHTS,
    PG_WEIGHTS,
    fts_match,
    parse_query,
    stems,
    tsquery,
)

from .models import CatalogueEntry, ExternalEntry

FTS_TABLES = {
    CatalogueEntry: "catalogue_entry_fts",
    ExternalEntry: "catalogue_externalentry_fts",
}
BODY_FIELDS = {
    CatalogueEntry: ("problem", "solution", "evidence_summary"),
    ExternalEntry: ("problem", "solution"),
}


def index(model, ids: Iterable[int]) -> None:
    """(Re)index these rows of ``model``; an id whose row is gone leaves the index."""
    ids = sorted({int(pk) for pk in ids})
    if not ids:
        return
    connection = connections[model.objects.db]
    body = BODY_FIELDS[model]
    if connection.vendor == "postgresql":
        model.objects.filter(pk__in=ids).update(
            search_vector=SearchVector("title", weight="A", config="danish")
            + SearchVector(*body, weight="B", config="danish")
        )
    elif connection.vendor == "sqlite":
        table = FTS_TABLES[model]
        rows = [
            (row[0], " ".join(stems(row[1])), " ".join(stems("\n".join(row[2:]))))
            for row in model.objects.filter(pk__in=ids).values_list("pk", "title", *body)
        ]
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({placeholders})", ids)  # noqa: S608
            cursor.executemany(
                f"INSERT INTO {table} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
                rows,
            )


def index_all() -> None:
    for model in FTS_TABLES:
        index(model, model.objects.values_list("pk", flat=True))


def search(rows: QuerySet, query: str, *, limit: int = 1_000) -> list[int]:
    """Ids of the rows of ``rows`` (entries or external entries) matching ``query``, best first.

    One query (none when there is nothing to look for).
    """
    groups = parse_query(query)
    if not groups:
        return []
    model = rows.model
    connection = connections[rows.db]
    if connection.vendor == "postgresql":
        found = SearchQuery(tsquery(groups), config="danish", search_type="raw")
        return list(
            rows.order_by()
            .filter(search_vector=found)
            .annotate(rank=SearchRank(F("search_vector"), found, weights=PG_WEIGHTS))
            .order_by("-rank", "pk")
            .values_list("pk", flat=True)[:limit]
        )
    if connection.vendor == "sqlite":
        table = FTS_TABLES[model]
        title_weight, body_weight = FTS_COLUMN_WEIGHTS
        sql = (
            f"SELECT rowid FROM {table} WHERE {table} MATCH %s"  # noqa: S608
            f" ORDER BY bm25({table}, {title_weight}, {body_weight}), rowid LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [fts_match(groups), limit])
            ranked = [row[0] for row in cursor.fetchall()]
        return ranked
    raise NotImplementedError(f"Full-text search is not built for {connection.vendor}.")
