"""Merging a duplicate: who is told what, where the link goes, and how supports are counted."""

from django.urls import reverse

from samskab.accounts import roles
from samskab.ideas import services
from samskab.ideas.models import Audience, Follow, Idea, Support
from samskab.notifications.models import Notification

INVITATION = "Din støtte bliver ved den idé, du støttede"  # Danish, the mail's language


def merge(duplicate, survivor, personas):
    return services.idea_merge(
        duplicate=duplicate,
        survivor=survivor,
        message="Vi samler de to idéer.",
        by=personas[roles.INNOVATIONSENHED],
    )


def told(user) -> Notification:
    (notification,) = Notification.objects.filter(user=user)
    return notification


def test_the_author_and_the_followers_are_sent_to_the_survivor(personas, make_idea):
    author, follower = personas[roles.BORGER], personas[roles.MEDARBEJDER]
    duplicate = make_idea(title="Kopi", author=author)
    survivor = make_idea(title="Original")
    Follow.objects.create(idea=duplicate, user=author)
    Follow.objects.create(idea=duplicate, user=follower)
    merge(duplicate, survivor, personas)
    for user in (author, follower):
        notification = told(user)
        assert notification.url == reverse("ideas:idea-detail", args=[survivor.pk])
        assert "“Original”" in notification.subject


def test_an_anonymous_submitter_is_sent_to_a_public_survivor(personas, make_idea):
    duplicate = make_idea(title="Kopi", author=None, author_email="ole@example.dk")
    survivor = make_idea(title="Original")
    merge(duplicate, survivor, personas)
    (notification,) = Notification.objects.filter(email="ole@example.dk")
    assert notification.url == reverse("ideas:idea-detail", args=[survivor.pk])


def test_a_reader_who_may_not_open_the_survivor_keeps_the_link_they_can_open(personas, make_idea):
    citizen = personas[roles.BORGER]
    duplicate = make_idea(title="Kopi")
    survivor = make_idea(title="Intern original", audience=Audience.INTERNAL)
    services.idea_support(idea=duplicate, user=citizen)
    merge(duplicate, survivor, personas)
    notification = told(citizen)
    assert notification.url == reverse("ideas:idea-detail", args=[duplicate.pk])
    assert "Intern original" not in notification.subject + notification.body


def test_only_those_who_do_not_support_the_survivor_are_asked_to_support_it(personas, make_idea):
    both, only_duplicate = personas[roles.BORGER], personas[roles.MEDARBEJDER]
    duplicate, survivor = make_idea(title="Kopi"), make_idea(title="Original")
    for user in (both, only_duplicate):
        services.idea_support(idea=duplicate, user=user)
    services.idea_support(idea=survivor, user=both)
    merge(duplicate, survivor, personas)
    assert INVITATION in told(only_duplicate).body
    assert INVITATION not in told(both).body
    assert "Du støtter den allerede" in told(both).body


def test_merged_supports_count_each_person_once_and_not_those_who_support_the_survivor(
    personas, make_idea
):
    a, b, c = (personas[roles.BORGER], personas[roles.MEDARBEJDER], personas[roles.DIREKTION])
    survivor = make_idea(title="Original")
    first, second = make_idea(title="Kopi 1"), make_idea(title="Kopi 2")
    for idea, users in ((first, [a, b]), (second, [a]), (survivor, [b, c])):
        for user in users:
            services.idea_support(idea=idea, user=user)
    merge(first, survivor, personas)
    survivor = merge(second, survivor, personas)
    # b and c support the survivor itself; of the merged ideas' supporters only a is new.
    assert (survivor.support_count, survivor.merged_support_count) == (2, 1)

    services.idea_support(idea=survivor, user=a)
    survivor.refresh_from_db()
    assert (survivor.support_count, survivor.merged_support_count) == (3, 0)
    services.idea_unsupport(idea=survivor, user=a)
    survivor.refresh_from_db()
    assert (survivor.support_count, survivor.merged_support_count) == (2, 1)


def test_an_earlier_merge_into_the_duplicate_is_counted_once_at_the_survivor(personas, make_idea):
    a = personas[roles.BORGER]
    older, duplicate, survivor = make_idea(), make_idea(), make_idea()
    services.idea_support(idea=older, user=a)
    services.idea_support(idea=duplicate, user=a)
    merge(older, duplicate, personas)
    survivor = merge(duplicate, survivor, personas)
    assert survivor.merged_support_count == 1
    duplicate.refresh_from_db()
    assert duplicate.merged_support_count == 0
    assert Idea.objects.filter(merged_into=survivor).count() == 2


def test_the_migration_counts_merged_supports_by_person(personas, make_idea):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("samskab.ideas.migrations.0005_count_merged_supports_by_person")
    a, b = personas[roles.BORGER], personas[roles.MEDARBEJDER]
    survivor = make_idea(title="Original")
    first = make_idea(title="Kopi", merged_into=survivor, status="answered", answer="merged")
    second = make_idea(title="Kopi 2", merged_into=survivor, status="answered", answer="merged")
    for idea, user in ((first, a), (second, a), (first, b), (survivor, b)):
        Support.objects.create(idea=idea, user=user)
    Idea.objects.filter(pk=survivor.pk).update(merged_support_count=3)  # as the old merge added
    Idea.objects.filter(pk=first.pk).update(merged_support_count=2)

    migration.count_by_person(apps, None)
    assert Idea.objects.get(pk=survivor.pk).merged_support_count == 1
    assert Idea.objects.get(pk=first.pk).merged_support_count == 0
