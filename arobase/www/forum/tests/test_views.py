import pytest
from django.urls import reverse

from arobase.accounts.models import Affiliation, AffiliationStatus, Capacity
from arobase.forum import services
from arobase.forum.models import Flag, ModerationEvent, Post, Subscription, Thread, Vote
from arobase.forum.tests.factories import RoomFactory

pytestmark = pytest.mark.django_db

DENIED = ["plain_user", "agent", "pending_elu", "former_elu", "juror"]


def _pages(room, thread):
    return [
        reverse("forum:rooms"),
        reverse("forum:room", args=[room.pk]),
        reverse("forum:new_thread", args=[room.pk]),
        reverse("forum:thread", args=[thread.pk]),
    ]


def _posts(room, thread):
    post = Post.objects.filter(thread=thread).first()
    return [
        (reverse("forum:new_thread", args=[room.pk]), {"title": "Intrus", "kind": "discussion", "body": "x"}),
        (reverse("forum:thread", args=[thread.pk]), {"body": "Intrusion"}),
        (reverse("forum:close_thread", args=[thread.pk]), {"conclusion": "Fin"}),
        (reverse("forum:subscribe_thread", args=[thread.pk]), {}),
        (reverse("forum:subscribe_room", args=[room.pk]), {}),
        (reverse("forum:vote", args=[post.pk]), {}),
        (reverse("forum:flag", args=[post.pk]), {"reason": "x"}),
        (reverse("forum:moderate", args=[post.pk]), {"action": "hide", "reason": "x"}),
    ]


def _snapshot():
    return (
        Post.objects.count(),
        Thread.objects.filter(closed_at__isnull=False).count(),
        Subscription.objects.count(),
        Vote.objects.count(),
        Flag.objects.count(),
        ModerationEvent.objects.count(),
        Post.objects.filter(is_hidden=True).count(),
    )


def test_anonymous_visitors_are_sent_to_the_login_and_nothing_changes(client, room, thread):
    before = _snapshot()
    for url in [*_pages(room, thread), reverse("forum:moderation")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/compte/login/?next=")
        assert response["X-Robots-Tag"] == "noindex, nofollow"
    for url, data in _posts(room, thread):
        assert client.post(url, data).status_code == 302
    assert _snapshot() == before


@pytest.mark.parametrize("who", DENIED)
def test_signed_in_non_elus_get_a_french_403_never_the_content(request, client, who, room, thread):
    client.force_login(request.getfixturevalue(who))
    before = _snapshot()
    for url in [*_pages(room, thread), reverse("forum:moderation")]:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 403
        assert "réservé aux élus" in html
        assert thread.title not in html and "Où en êtes-vous" not in html
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]
    for url, data in _posts(room, thread):
        assert client.post(url, data).status_code == 403
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["elu", "other_elu", "staff"])
def test_elus_of_any_collectivite_and_staff_read_every_page(request, client, who, room, thread):
    client.force_login(request.getfixturevalue(who))
    for url in _pages(room, thread):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert thread.title in client.get(reverse("forum:thread", args=[thread.pk])).content.decode()


def test_an_elu_who_stops_being_elu_is_refused_at_the_next_request(client, elu, thread):
    client.force_login(elu)
    url = reverse("forum:thread", args=[thread.pk])
    assert client.get(url).status_code == 200
    affiliation = Affiliation.objects.get(user=elu)
    affiliation.capacity = Capacity.AGENT
    affiliation.save()
    assert client.get(url).status_code == 403
    affiliation.capacity = Capacity.ELU
    affiliation.save()
    assert client.get(url).status_code == 200
    affiliation.status = AffiliationStatus.LEFT
    affiliation.ended_at = affiliation.requested_at
    affiliation.save()
    assert client.get(url).status_code == 403
    assert client.post(url, {"body": "Encore moi"}).status_code == 403
    assert Post.objects.filter(thread=thread).count() == 1


def test_the_moderation_queue_is_for_staff_only(client, elu, staff, other_elu, thread):
    post = Post.objects.get(thread=thread)
    services.flag(actor=other_elu, post=post, reason="Propos déplacés")
    client.force_login(elu)
    assert client.get(reverse("forum:moderation")).status_code == 403
    assert client.post(reverse("forum:moderate", args=[post.pk]), {"action": "hide", "reason": "x"}).status_code == 403
    post.refresh_from_db()
    assert not post.is_hidden
    client.force_login(staff)
    page = client.get(reverse("forum:moderation")).content.decode()
    assert "Propos déplacés" in page
    response = client.post(
        reverse("forum:moderate", args=[post.pk]), {"action": "hide", "reason": "Hors charte", "from": "queue"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_hidden
    staff_view = client.get(reverse("forum:thread", args=[thread.pk])).content.decode()
    assert "Hors charte" in staff_view and "Où en êtes-vous" in staff_view
    client.force_login(other_elu)
    elu_view = client.get(reverse("forum:thread", args=[thread.pk])).content.decode()
    assert "masqué par la modération" in elu_view
    assert "Où en êtes-vous" not in elu_view and "Hors charte" not in elu_view


def test_an_elu_starts_a_thread_and_another_replies_from_the_forms(client, elu, other_elu, room):
    client.force_login(elu)
    response = client.post(
        reverse("forum:new_thread", args=[room.pk]),
        {"title": "Wifi public", "kind": "discussion", "body": "**Qui** l'a fait ?", "mentions": [str(other_elu.pk)]},
    )
    thread = Thread.objects.get(title="Wifi public")
    assert response.status_code == 302 and response["Location"] == reverse("forum:thread", args=[thread.pk])
    client.force_login(other_elu)
    response = client.post(
        reverse("forum:thread", args=[thread.pk]), {"body": "Nous ! <script>alert(1)</script>", "mentions": ""}
    )
    assert response.status_code == 302
    page = client.get(reverse("forum:thread", args=[thread.pk])).content.decode()
    assert "<strong>Qui</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert Post.objects.filter(thread=thread).count() == 2


def test_bad_input_gets_a_french_message_and_changes_nothing(client, elu, room, thread):
    client.force_login(elu)
    response = client.post(reverse("forum:new_thread", args=[room.pk]), {"title": "", "kind": "", "body": ""})
    assert response.status_code == 400
    assert "Ce champ est obligatoire" in response.content.decode()
    response = client.post(reverse("forum:thread", args=[thread.pk]), {"body": "", "mentions": "99999"})
    assert response.status_code == 400
    assert Thread.objects.count() == 1 and Post.objects.count() == 1
    assert client.get(reverse("forum:thread", args=[987654])).status_code == 404
    assert client.get(reverse("forum:room", args=[thread.room_id]) + "?page=abc").status_code == 200


def test_writes_are_attacked(client, elu, other_elu, call_for_ideas, thread):
    idea = services.reply(actor=other_elu, thread=call_for_ideas, body="Idée")
    client.force_login(elu)
    vote_url = reverse("forum:vote", args=[idea.pk])
    assert client.post(vote_url).status_code == 302
    response = client.post(vote_url)
    assert response.status_code == 400 and "déjà voté" in response.content.decode()
    assert Vote.objects.count() == 1
    assert client.post(vote_url, {"withdraw": "1"}).status_code == 302
    assert Vote.objects.count() == 0
    own = Post.objects.filter(thread=thread).first()
    response = client.post(reverse("forum:flag", args=[own.pk]), {"reason": "Moi"})
    assert response.status_code == 400 and "propre message" in response.content.decode()
    assert client.post(reverse("forum:flag", args=[idea.pk]), {"reason": ""}).status_code == 400
    assert not Flag.objects.exists()
    client.force_login(other_elu)
    response = client.post(reverse("forum:close_thread", args=[thread.pk]), {"conclusion": "Je ferme"})
    assert response.status_code == 403
    client.force_login(elu)
    assert client.post(reverse("forum:close_thread", args=[thread.pk]), {"conclusion": "Clos"}).status_code == 302
    client.force_login(other_elu)
    response = client.post(reverse("forum:thread", args=[thread.pk]), {"body": "Trop tard"})
    assert response.status_code == 400 and "close" in response.content.decode()
    assert Post.objects.filter(thread=thread).count() == 1


def test_subscriptions_from_the_pages(client, elu, room, thread):
    client.force_login(elu)
    client.post(reverse("forum:subscribe_room", args=[room.pk]))
    assert Subscription.objects.filter(user=elu, room=room).exists()
    client.post(reverse("forum:subscribe_room", args=[room.pk]), {"subscribe": "0"})
    assert not Subscription.objects.filter(user=elu, room=room).exists()
    client.post(reverse("forum:subscribe_thread", args=[thread.pk]), {"subscribe": "0"})
    assert not Subscription.objects.filter(user=elu, thread=thread).exists()


def test_room_page_queries_do_not_grow_with_threads(client, elu, other_elu, django_assert_max_num_queries):
    room = RoomFactory()
    for n in range(25):
        services.start_thread(actor=other_elu, room=room, title=f"Sujet {n}", body="Texte")
    client.force_login(elu)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("forum:room", args=[room.pk]))
    assert response.content.decode().count("Nouveaux messages") == 20
    with django_assert_max_num_queries(8):
        client.get(reverse("forum:rooms"))


def test_robots_txt_disallows_the_space(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Disallow: /espace-elus/" in response.content.decode().splitlines()


def test_thread_page_queries_do_not_grow_with_posts(
    client, elu, other_elu, staff, thread, django_assert_max_num_queries
):
    for n in range(30):
        post = services.reply(actor=other_elu if n % 2 else elu, thread=thread, body=f"Message {n} @Anne Hidalgo-Test")
    services.flag(actor=elu, post=post, reason="Hors sujet")
    services.moderate(actor=staff, post=post, action="hide", reason="Hors charte")
    for user in (elu, staff):
        client.force_login(user)
        with django_assert_max_num_queries(19):
            response = client.get(reverse("forum:thread", args=[thread.pk]))
        assert response.status_code == 200


def test_new_posts_are_marked_until_read(client, elu, other_elu, thread):
    client.force_login(other_elu)
    first = client.get(reverse("forum:thread", args=[thread.pk])).content.decode()
    assert first.count(">Nouveau<") == 1
    assert client.get(reverse("forum:thread", args=[thread.pk])).content.decode().count(">Nouveau<") == 0
    services.reply(actor=elu, thread=thread, body="Suite")
    assert client.get(reverse("forum:thread", args=[thread.pk])).content.decode().count(">Nouveau<") == 1
