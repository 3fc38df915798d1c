"""Partial indexes for the unit's lists of ideas waiting for it, on every front page of the unit.

The unit's inbox and its front page list the ideas overdue for an answer (confirmed,
not answered, oldest status change first), the ideas to publish (confirmed, consented,
pending, oldest first) and the help requests (confirmed, wanting help, not answered,
oldest first). Without an index that holds just those ideas in
that order, both databases read every idea and sorted the waiting ones on each
request (a sequential scan of 100,000 ideas); with it they read the first rows in
order and stop. The conditions are written as Django writes the queries' filters, so
that SQLite, which matches a partial index's terms literally, uses them too.

Plain SQL, like 0002 and 0004, so the autodetector doesn't see them.
"""

from django.db import migrations

WAITING = "confirmed_at IS NOT NULL AND NOT (\"status\" = 'answered')"
INDEXES = {
    "idea_awaiting_answer": ("status_changed_at, id", WAITING),
    "idea_wanting_help": ("created_at, id", f"{WAITING} AND wants_help"),
    # Moderation first: SQLite prefers an index that takes the query's equality.
    "idea_to_publish": (
        "moderation, created_at, id",
        "confirmed_at IS NOT NULL AND consent_to_publish AND moderation = 'pending'",
    ),
}


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0010_fill_response_and_answer_times"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON ideas_idea ({columns}) WHERE {condition}",
            f"DROP INDEX IF EXISTS {name}",
            elidable=False,
        )
        for name, (columns, condition) in INDEXES.items()
    ]
