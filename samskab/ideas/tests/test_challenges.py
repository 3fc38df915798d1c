from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.ideas.models import Challenge, ChallengeQuestion


def formset(*questions, initial=0):
    data = {"sp-TOTAL_FORMS": str(len(questions)), "sp-INITIAL_FORMS": str(initial)}
    for i, question in enumerate(questions):
        for key, value in question.items():
            data[f"sp-{i}-{key}"] = value
    return data


def test_area_manager_opens_a_challenge_with_its_own_questions(client, personas, area):
    client.force_login(personas[roles.OMRAADELEDER])
    today = timezone.localdate()
    response = client.post(
        reverse("ideas:challenge-create"),
        {
            "title": "Grøn omstilling",
            "question": "Hvad kan gøre kommunen grønnere?",
            "owner": area.pk,
            "audience": "public",
            "opens_on": today.isoformat(),
            **formset(
                {"label": "Hvor bor du?", "kind": "short", "required": "on", "public": "on"},
                {"label": "Hvad er vigtigst?", "kind": "choice", "choices": "Natur\nTrafik"},
                {"label": "", "kind": "", "choices": "", "public": "on"},  # the empty extra form
            ),
        },
    )
    challenge = Challenge.objects.get(title="Grøn omstilling")
    assert response.status_code == 302
    assert [(q.label, q.kind, q.required, q.public) for q in challenge.questions.all()] == [
        ("Hvor bor du?", "short", True, True),
        ("Hvad er vigtigst?", "choice", False, False),
    ]
    assert challenge.is_open()
    assert challenge.created_by == personas[roles.OMRAADELEDER]


def test_a_choice_question_needs_two_choices(client, personas, area):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    response = client.post(
        reverse("ideas:challenge-create"),
        {
            "title": "Unges fællesskaber",
            "question": "Hvor vil unge mødes?",
            "owner": area.pk,
            "audience": "public",
            "opens_on": timezone.localdate().isoformat(),
            **formset({"label": "Hvilken bydel?", "kind": "choice", "choices": "Kun én"}),
        },
    )
    assert response.status_code == 200
    assert "mindst to valgmuligheder" in response.content.decode()
    assert not Challenge.objects.exists()


def test_a_challenge_cannot_close_before_it_opens(client, personas, area):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    today = timezone.localdate()
    response = client.post(
        reverse("ideas:challenge-create"),
        {
            "title": "Baglæns",
            "question": "?",
            "owner": area.pk,
            "audience": "public",
            "opens_on": today.isoformat(),
            "closes_on": today.replace(year=today.year - 1).isoformat(),
            **formset(),
        },
    )
    assert response.status_code == 200
    assert not Challenge.objects.exists()


def test_editing_keeps_and_removes_questions(client, personas, challenge):
    kept = ChallengeQuestion.objects.create(challenge=challenge, label="Behold", kind="short")
    gone = ChallengeQuestion.objects.create(challenge=challenge, label="Fjern", kind="short")
    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.post(
        reverse("ideas:challenge-edit", args=[challenge.pk]),
        {
            "title": challenge.title,
            "question": challenge.question,
            "owner": challenge.owner_id,
            "audience": "internal",
            "opens_on": challenge.opens_on.isoformat(),
            **formset(
                {"id": kept.pk, "challenge": challenge.pk, "label": "Behold", "kind": "short"},
                {
                    "id": gone.pk,
                    "challenge": challenge.pk,
                    "label": "Fjern",
                    "kind": "short",
                    "DELETE": "on",
                },
                initial=2,
            ),
        },
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.audience == "internal"
    assert list(challenge.questions.values_list("label", flat=True)) == ["Behold"]


def test_an_internal_challenge_is_hidden_from_citizens(client, personas, challenge):
    challenge.audience = "internal"
    challenge.save()
    client.force_login(personas[roles.BORGER])
    assert challenge.title not in client.get(reverse("ideas:challenge-list")).content.decode()
    assert client.get(reverse("ideas:challenge-detail", args=[challenge.pk])).status_code == 404
    client.force_login(personas[roles.MEDARBEJDER])
    assert challenge.title in client.get(reverse("ideas:challenge-list")).content.decode()
