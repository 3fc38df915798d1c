"""Danish full-text search for ideas, on PostgreSQL and on SQLite.

PostgreSQL: ``Idea.search_vector`` holds ``to_tsvector('danish', ...)`` of the title
(weight A) and of the description and beneficiaries (weight B), with a GIN index
(migration 0002). Queries are ``to_tsquery('danish', ...)`` built here from the parsed
query, ranked by ``ts_rank``.

SQLite: the FTS5 table ``ideas_idea_fts(title, body)``, rowid = idea id, holds the
same text lower-cased, without stop words and stemmed in Python with Snowball's
Danish stemmer, which is the algorithm behind PostgreSQL's ``danish`` configuration.
Queries are stemmed the same way, every term quoted, and ranked by ``bm25`` with
the title weighted like weight A against B.

Nothing keeps the index up to date by itself: the services that create, change or
delete an idea call ``index_ideas([idea.pk])`` (after commit), and ``index_all()``
rebuilds everything.

A query is parsed here, once, for both backends, in the manner of PostgreSQL's
"websearch": words must all match, ``or`` between words gives alternatives, ``-word``
excludes, ``"quoted words"`` and hyphenated words must stand together. A word whose
stem has at least PREFIX_MIN_LENGTH letters also finds the words that stem begins, so
that "ældre" finds "ældreplejen" (Danish compounds); the word itself ranks first.
PostgreSQL gets the parsed query as a ``to_tsquery`` expression with every word a quoted
lexeme, SQLite an FTS5 expression with every stem a quoted string, so no input reaches
either database as syntax. A query with nothing to look for (empty, punctuation, only
stop words, only exclusions) returns no ideas, without asking the database. The
backends still tokenise text differently at the edges (e-mail addresses, URLs, words
mixing letters and digits) and rank differently (ts_rank against bm25); the tests in
samskab/ideas/tests/test_search.py run on both.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import BigIntegerField, F, QuerySet
from django.db.models.expressions import RawSQL

from samskab.ideas.models import Idea

FTS_TABLE = "ideas_idea_fts"
BATCH_SIZE = 2_000
# A query longer than this is cut: nobody types more into a search field, and it bounds the cost.
MAX_QUERY_LENGTH = 1_000
# ts_rank weights for D, C, B, A; bm25 column weights (title, body) in the same proportion.
PG_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
FTS_COLUMN_WEIGHTS = (1.0 / 0.4, 1.0)

# Snowball's Danish stop words, the list PostgreSQL's ``danish`` configuration drops too
# (share/tsearch_data/danish.stop), so that both backends ignore the same words.
_SNOWBALL_DANISH_STOP = """
ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig
din disse dog du efter eller en end er et for fra ham han hans har havde have hende
hendes her hos hun hvad hvis hvor i ikke ind jeg jer jo kunne man mange med meget men
mig min mine mit mod ned noget nogle nu når og også om op os over på selv sig sin sine
sit skal skulle som sådan thi til ud under var vi vil ville vor være været
"""
DANISH_STOP_WORDS = frozenset(_SNOWBALL_DANISH_STOP.split())

# Letters and digits; "_" is a word character for Python but not for a search engine.
_WORD = re.compile(r"[^\W_]+")
# A query word whose stem has at least this many letters also finds the words that
# begin with that stem, so that "ældre" finds "ældreplejen" and "skole" finds
# "skolebiblioteket" (Danish glues words together). Shorter stems begin too many
# unrelated words: "bil" begins "bilag", "vej" "vejret", "mad" "madras".
PREFIX_MIN_LENGTH = 4
# PostgreSQL ignores longer words ("word is too long to be indexed").
_MAX_WORD_LENGTH = 2_047
_local = threading.local()


def _stemmer():
    # A Snowball stemmer keeps state while it works: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("danish")
    return stemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Danish Snowball stem of one lower-case word ("skolerne" -> "skol")."""
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``, as PostgreSQL's parser would roughly see them."""
    return [w for w in _WORD.findall(text.lower()) if len(w) <= _MAX_WORD_LENGTH]


def stems(text: str) -> list[str]:
    """The stems of ``text``'s words, stop words left out, in order."""
    return [s for w in words(text) if w not in DANISH_STOP_WORDS and (s := stem(w))]


# --- indexing -----------------------------------------------------------------------------


def _pg_vector():
    return SearchVector("title", weight="A", config="danish") + SearchVector(
        "description", "beneficiaries", weight="B", config="danish"
    )


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _fts_rows(rows: Iterable[tuple[int, str, str, str]]) -> list[tuple[int, str, str]]:
    return [
        (pk, " ".join(stems(title)), " ".join(stems(f"{description}\n{beneficiaries}")))
        for pk, title, description, beneficiaries in rows
    ]


def _fts_insert(cursor, rows: Iterable[tuple[int, str, str, str]]) -> None:
    cursor.executemany(
        f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
        _fts_rows(rows),
    )


def index_ideas(ids: Iterable[int]) -> None:
    """(Re)index these ideas; an id whose idea no longer exists leaves the index."""
    ids = sorted({int(pk) for pk in ids})
    connection = connections[Idea.objects.db]
    for batch in _chunks(ids, BATCH_SIZE):
        if connection.vendor == "postgresql":
            Idea.objects.filter(pk__in=batch).update(search_vector=_pg_vector())
        elif connection.vendor == "sqlite":
            rows = Idea.objects.filter(pk__in=batch).values_list(
                "pk", "title", "description", "beneficiaries"
            )
            placeholders = ", ".join(["%s"] * len(batch))
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})",  # noqa: S608
                    batch,
                )
                _fts_insert(cursor, rows)


def index_all(*, batch_size: int = 10_000) -> None:
    """Index every idea, in batches of ``batch_size`` ids (one UPDATE or INSERT each)."""
    connection = connections[Idea.objects.db]
    if connection.vendor == "postgresql":
        # Ranges of ids, each its own short UPDATE, so that no lock is held for long.
        last = 0
        while True:
            upper = (
                Idea.objects.filter(pk__gt=last)
                .order_by("pk")
                .values_list("pk", flat=True)[batch_size - 1 : batch_size]
                .first()
            )
            batch = Idea.objects.filter(pk__gt=last)
            if upper is not None:
                batch = batch.filter(pk__lte=upper)
            batch.update(search_vector=_pg_vector())
            if upper is None:
                return
            last = upper
    elif connection.vendor == "sqlite":
        # One transaction: readers keep seeing the old index until the new one is complete.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
            last = 0
            while True:
                rows = list(
                    Idea.objects.filter(pk__gt=last)
                    .order_by("pk")
                    .values_list("pk", "title", "description", "beneficiaries")[:batch_size]
                )
                if not rows:
                    break
                _fts_insert(cursor, rows)
                last = rows[-1][0]
            # Merge the index's segments into one: faster queries after a bulk load.
            cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608


# --- querying -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One word or quoted phrase of a query: its words as typed, and their stems."""

    words: tuple[str, ...]
    stems: tuple[str, ...]
    excluded: bool

    @property
    def is_prefix(self) -> bool:
        """Does the term also find the words its stem begins ("ældre": "ældreplejen")?

        Only a single word, not a number, whose stem has at least PREFIX_MIN_LENGTH
        letters: a quoted phrase means those words, and short stems begin too many
        words that have nothing to do with them.
        """
        return (
            len(self.words) == 1
            and len(self.stems) == 1
            and len(self.stems[0]) >= PREFIX_MIN_LENGTH
            and not self.stems[0].isdigit()
        )


# Quoted text (the closing quote may be missing), or a run of anything but space and quotes.
_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"?|([^\s"]+)')
_PUNCTUATION = re.compile(r"[^\w-]+|_+")


def _clean(query: str) -> str:
    # Neither database accepts NUL, and a lone surrogate can't be sent to them.
    query = query[:MAX_QUERY_LENGTH].replace("\x00", " ")
    return query.encode("utf-8", "replace").decode("utf-8")


def parse_query(query: str) -> list[list[Term]]:
    """The query as alternatives (``or``), each a list of terms that must all hold.

    Follows PostgreSQL's websearch_to_tsquery: ``or`` separates alternatives, a leading
    ``-`` excludes, quotes make a phrase, and so does a hyphenated word; other punctuation
    separates words. Stop words are left out. Alternatives without an included term are
    dropped, so the result is empty when there is nothing to look for.
    """
    groups: list[list[Term]] = [[]]
    for match in _QUERY_TOKEN.finditer(_clean(query)):
        minus, text, bare = match.groups()
        if bare is not None:
            if bare.lower() == "or":
                groups.append([])
                continue
            minus, text = ("-", bare[1:]) if bare.startswith("-") else ("", bare)
            # Punctuation separates words, as in "NEAR(skole"; a hyphen makes a phrase.
            pieces = _PUNCTUATION.split(text)
        else:
            pieces = [text]
        for piece in pieces:
            term_stems = tuple(stems(piece))
            if term_stems:
                groups[-1].append(Term(tuple(words(piece)), term_stems, excluded=bool(minus)))
    return [group for group in groups if any(not term.excluded for term in group)]


def tsquery(groups: list[list[Term]], *, prefix: bool = True) -> str:
    """A ``to_tsquery`` expression for PostgreSQL; every word is a quoted lexeme.

    PostgreSQL stems the words itself, as it stemmed the index. A prefix term is
    ``('word' | 'word':*)``: the word, or any word its stem begins; without ``prefix``
    it is the word alone.
    """

    def lexeme(word: str) -> str:
        return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"

    def term_query(term: Term) -> str:
        if prefix and term.is_prefix:
            word = lexeme(term.words[0])
            return f"({word} | {word}:*)"
        return "(" + " <-> ".join(lexeme(word) for word in term.words) + ")"

    return " | ".join(
        "(" + " & ".join(("!" if t.excluded else "") + term_query(t) for t in group) + ")"
        for group in groups
    )


def fts_match(groups: list[list[Term]]) -> str:
    """An FTS5 MATCH expression; every term is a quoted string, so input can't break it.

    A prefix term is ``("stem" OR "stem"*)``, the stem itself counted twice by ``bm25``
    as on PostgreSQL.
    """

    def quoted(term: Term) -> str:
        phrase = '"' + " ".join(term.stems).replace('"', '""') + '"'
        return f"({phrase} OR {phrase}*)" if term.is_prefix else phrase

    alternatives = []
    for group in groups:
        included = " AND ".join(quoted(t) for t in group if not t.excluded)
        excluded = " OR ".join(quoted(t) for t in group if t.excluded)
        alternatives.append(f"(({included}) NOT ({excluded}))" if excluded else f"({included})")
    return " OR ".join(alternatives)


def _on_ideas_table(ideas: QuerySet[Idea]) -> QuerySet[Idea]:
    """``ideas`` as a queryset that ranks on the ideas table alone, then limits.

    When the caller only filters columns of the ideas table, its conditions go into the
    same scan, and PostgreSQL keeps just the best rows while ranking. Anything more (a
    join, an aggregate, DISTINCT) becomes an ``id IN (...)`` check, so that it neither
    runs for every match nor repeats an idea.
    """
    visible = ideas.order_by()
    query = visible.query
    if len(query.alias_map) <= 1 and not (query.annotations or query.distinct or query.combinator):
        return visible
    return Idea.objects.using(ideas.db).filter(pk__in=visible.values("pk"))


def search_ideas(ideas: QuerySet[Idea], query: str, *, limit: int = 500) -> list[int]:
    """Ids of the ideas in ``ideas`` that match ``query``, best first, at most ``limit``.

    ``ideas`` is the caller's queryset, already narrowed to what the user may see; it must
    not be sliced. One query (none for a query with nothing to look for).
    """
    groups = parse_query(query)
    if not groups or limit <= 0:
        return []
    connection = connections[ideas.db]
    if connection.vendor == "postgresql":
        search = SearchQuery(tsquery(groups), config="danish", search_type="raw")
        rank = SearchRank(F("search_vector"), search, weights=PG_WEIGHTS)
        if any(term.is_prefix for group in groups for term in group):
            # ts_rank counts 'word' and 'word':* once, so the words themselves get a
            # second rank: "park" before "parkering", as bm25 ranks them on SQLite.
            exact = SearchQuery(tsquery(groups, prefix=False), config="danish", search_type="raw")
            rank = rank + SearchRank(F("search_vector"), exact, weights=PG_WEIGHTS)
        ranked = (
            _on_ideas_table(ideas)
            .filter(search_vector=search)
            .annotate(rank=rank)
            .order_by("-rank", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        return list(ranked)
    if connection.vendor == "sqlite":
        # Each match is checked against the caller's queryset by primary key (EXISTS):
        # cheaper than listing every visible idea first, and "rowid IN (...)" would
        # even make FTS5 look up each listed id on its own.
        this_match = ideas.order_by().filter(
            pk=RawSQL(f"{FTS_TABLE}.rowid", (), output_field=BigIntegerField())  # noqa: S611
        )
        try:
            visible_sql, visible_params = (
                this_match.values("pk").query.get_compiler(using=ideas.db).as_sql()
            )
        except EmptyResultSet:
            return []
        title_weight, body_weight = FTS_COLUMN_WEIGHTS
        sql = (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
            f" AND EXISTS ({visible_sql})"
            f" ORDER BY bm25({FTS_TABLE}, {title_weight}, {body_weight}), rowid LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [fts_match(groups), *visible_params, limit])
            return [row[0] for row in cursor.fetchall()]
    raise NotImplementedError(f"Full-text search is not built for {connection.vendor}.")
