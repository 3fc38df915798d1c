"""Data versions by app: what a cached page part is keyed on."""

from samskab.core import freshness
from samskab.organisation.models import OrgUnit


def test_a_write_moves_only_its_apps_version(make_idea):
    before = {app: freshness.stamp(app) for app in ("ideas", "portfolio", "organisation")}
    idea = make_idea()
    assert freshness.stamp("ideas") != before["ideas"]
    assert freshness.stamp("portfolio") == before["portfolio"]
    assert freshness.stamp("organisation") == before["organisation"]
    after_save = freshness.stamp("ideas")
    idea.delete()
    assert freshness.stamp("ideas") != after_save


def test_a_stamp_is_the_same_until_something_is_written(db):
    first = freshness.stamp("portfolio", "governance")
    assert freshness.stamp("portfolio", "governance") == first
    OrgUnit.objects.create(name="Ny enhed", kind=OrgUnit.Kind.AREA)
    assert freshness.stamp("portfolio", "governance") == first


def test_an_update_without_signals_is_told_by_touch(db, make_idea):
    idea = make_idea()
    stamp = freshness.stamp("ideas")
    type(idea).objects.filter(pk=idea.pk).update(title="Andet")  # sends no signal
    assert freshness.stamp("ideas") == stamp
    freshness.touch("ideas")
    assert freshness.stamp("ideas") != stamp


def test_a_version_lost_from_the_cache_comes_back_as_a_new_number(db):
    from django.core.cache import cache

    stamp = freshness.stamp("benefits")
    cache.delete(f"{freshness.PREFIX}benefits")
    assert freshness.stamp("benefits") != stamp


def test_a_login_moves_nothing_but_a_change_to_the_user_does(client, personas):
    user = personas["borger"]
    stamp = freshness.stamp("accounts")
    client.force_login(user)  # saves last_login, which no page shows
    assert freshness.stamp("accounts") == stamp
    user.first_name = "Anna"
    user.save()
    assert freshness.stamp("accounts") != stamp


def test_a_request_reads_the_versions_once_until_it_writes(db):
    from django.core.cache import cache

    freshness.begin_request()
    try:
        first = freshness.stamp("portfolio")
        cache.set(f"{freshness.PREFIX}portfolio", 1)  # another process moved it on
        assert freshness.stamp("portfolio") == first  # this request keeps what it read
        freshness.touch("portfolio")  # this request writes
        assert freshness.stamp("portfolio") != first
    finally:
        freshness.end_request()
    assert freshness.stamp("portfolio") == freshness.stamp("portfolio")
