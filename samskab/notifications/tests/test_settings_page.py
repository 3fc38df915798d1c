from django.urls import reverse

from samskab.accounts import roles
from samskab.notifications.models import NotificationSetting
from samskab.notifications.services import setting_for, setting_update

Frequency = NotificationSetting.Frequency
URL = reverse("notifications:settings")


def test_page_shows_the_default_choice_with_a_hint_for_each(client, personas):
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('type="radio"') == 3
    assert html.count('class="form-hint"') == 3
    assert response.context["form"]["frequency"].value() == Frequency.IMMEDIATE
    assert 'value="immediate" aria-describedby="id_frequency_0_hint" checked' in html


def test_user_saves_their_choice(client, personas):
    user = personas[roles.BORGER]
    client.force_login(user)
    response = client.post(URL, {"frequency": Frequency.DAILY}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert NotificationSetting.objects.get(user=user).frequency == Frequency.DAILY
    assert [str(message) for message in response.context["messages"]] == [
        "Dine e-mailindstillinger er gemt."
    ]
    assert response.context["form"]["frequency"].value() == Frequency.DAILY

    client.post(URL, {"frequency": Frequency.NONE})
    assert NotificationSetting.objects.get(user=user).frequency == Frequency.NONE
    assert NotificationSetting.objects.filter(user=user).count() == 1


def test_an_unknown_choice_is_refused_and_nothing_is_saved(client, personas):
    user = personas[roles.MEDARBEJDER]
    client.force_login(user)
    response = client.post(URL, {"frequency": "hourly"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'class="form-error-message"' in response.content.decode()
    assert not NotificationSetting.objects.filter(user=user).exists()


def test_a_user_only_sees_and_changes_their_own_setting(client, personas):
    alice, bob = personas[roles.MEDARBEJDER], personas[roles.BORGER]
    setting_update(user=bob, frequency=Frequency.NONE)
    client.force_login(alice)

    response = client.get(URL)
    assert response.context["form"]["frequency"].value() == Frequency.IMMEDIATE  # not Bob's

    client.post(URL, {"frequency": Frequency.DAILY, "user": bob.pk, "user_id": bob.pk})
    assert setting_for(alice).frequency == Frequency.DAILY
    assert setting_for(bob).frequency == Frequency.NONE


def test_anonymous_visitor_is_sent_to_log_in_and_nothing_is_saved(client, db):
    response = client.post(URL, {"frequency": Frequency.NONE})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not NotificationSetting.objects.exists()


def test_profile_page_links_to_the_settings(client, personas):
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(reverse("organisation:profile"))
    assert f'href="{URL}"' in response.content.decode()


def test_setting_for_a_user_who_never_chose_is_immediate_and_unsaved(personas):
    setting = setting_for(personas[roles.BORGER])
    assert setting.frequency == Frequency.IMMEDIATE
    assert setting.pk is None
