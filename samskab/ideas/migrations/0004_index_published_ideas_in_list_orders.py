"""Indexes that list published ideas in each of the list's three orders, any audience.

The list filters on moderation and audience and orders by one of created_at,
support_count or comment_count (then id). Measured with 100,000 ideas
(docs/performance.md):

- An employee sees two audiences (``audience IN ('public', 'internal')``), which
  idea_listing (moderation, audience, -created_at) can't read in order, so PostgreSQL
  sorted every published idea for each page of the newest-first list (a parallel
  sequential scan, ~45 ms).
- SQLite, without statistics, picked idea_listing for the filter and then sorted every
  published idea for the most-supported and most-discussed orders (~90 ms for anyone,
  ~110 ms for employees).

With the moderation column first and the order after it, both databases read a page
in order and stop, whatever the audience; with the cursor bound of
queries.ideas_page, a deep page seeks straight to its cursor.

Plain SQL that SQLite and PostgreSQL both accept, like 0002 not model indexes, so the
autodetector doesn't see them.
"""

from django.db import migrations

INDEXES = {
    "idea_published_newest": "created_at DESC, id DESC",
    "idea_published_by_support": "support_count DESC, id DESC",
    "idea_published_by_comments": "comment_count DESC, id DESC",
}


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0003_comment_time_can_be_given"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON ideas_idea (moderation, {columns})",
            f"DROP INDEX IF EXISTS {name}",
            elidable=False,
        )
        for name, columns in INDEXES.items()
    ]
