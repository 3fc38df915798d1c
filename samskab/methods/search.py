"""Danish full-text search of the method library, by the ideas' own mechanism (``ideas.search``).

As the catalogue's (``catalogue/search.py``): the same query language, stop words and
Snowball stems; on PostgreSQL a ``search_vector`` column (title weight A; purpose and
steps weight B) with a GIN index, queried with the ``to_tsquery`` expression
``ideas.search`` builds; on SQLite an FTS5 table of stemmed text (migration 0002),
ranked by bm25. The services index a card whenever they write it.
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

from .models import Method

FTS_TABLE = "methods_method_fts"
BODY_FIELDS = ("purpose", "steps")


def index(ids: Iterable[int]) -> None:
    """(Re)index these cards; an id whose card is gone leaves the index."""
    ids = sorted({int(pk) for pk in ids})
    if not ids:
        return
    connection = connections[Method.objects.db]
    if connection.vendor == "postgresql":
        Method.objects.filter(pk__in=ids).update(
            search_vector=SearchVector("title", weight="A", config="danish")
            + SearchVector(*BODY_FIELDS, weight="B", config="danish")
        )
    elif connection.vendor == "sqlite":
        rows = [
            (row[0], " ".join(stems(row[1])), " ".join(stems("\n".join(row[2:]))))
            for row in Method.objects.filter(pk__in=ids).values_list("pk", "title", *BODY_FIELDS)
        ]
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})", ids)  # noqa: S608
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
                rows,
            )


def index_all() -> None:
    index(Method.objects.values_list("pk", flat=True))


def search(rows: QuerySet, query: str, *, limit: int = 1_000) -> list[int]:
    """Ids of the cards of ``rows`` matching ``query``, best first.

    One query (none when there is nothing to look for).
    """
    groups = parse_query(query)
    if not groups:
        return []
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
        title_weight, body_weight = FTS_COLUMN_WEIGHTS
        sql = (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
            f" ORDER BY bm25({FTS_TABLE}, {title_weight}, {body_weight}), rowid LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [fts_match(groups), limit])
            return [row[0] for row in cursor.fetchall()]
    raise NotImplementedError(f"Full-text search is not built for {connection.vendor}.")
