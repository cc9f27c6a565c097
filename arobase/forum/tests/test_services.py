import pytest
from django.core import mail

from arobase.accounts.models import Affiliation, AffiliationStatus, Capacity
from arobase.forum import selectors, services
from arobase.forum.errors import NotAllowed, RuleViolation
from arobase.forum.models import Flag, ModerationEvent, Post, Room, RoomKind, Subscription, Vote
from arobase.forum.tests.factories import EluAffiliationFactory
from arobase.notifications.models import Notification, NotificationPreference
from arobase.notifications.services import set_preferences
from arobase.notifications.tasks import send_notification_digests
from arobase.territories.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


def test_rooms_are_one_per_theme_of_the_current_edition_and_per_region_idempotently(edition_2019):
    RegionFactory(name="Bretagne", code="53")
    RegionFactory(name="Occitanie", code="76")
    created = services.ensure_rooms()
    assert created == 6
    assert Room.objects.filter(kind=RoomKind.THEME).count() == 4
    assert set(Room.objects.filter(kind=RoomKind.REGION).values_list("name", flat=True)) == {"Bretagne", "Occitanie"}
    assert services.ensure_rooms() == 0
    assert Room.objects.count() == 6


@pytest.mark.parametrize("who", ["plain_user", "agent", "pending_elu", "former_elu", "juror"])
def test_nobody_but_elus_and_staff_writes(request, who, room, thread):
    actor = request.getfixturevalue(who)
    posts = Post.objects.count()
    with pytest.raises(NotAllowed):
        services.start_thread(actor=actor, room=room, title="Titre", body="Texte")
    with pytest.raises(NotAllowed):
        services.reply(actor=actor, thread=thread, body="Texte")
    with pytest.raises(NotAllowed):
        services.subscribe(actor=actor, room=room)
    assert Post.objects.count() == posts
    assert not Subscription.objects.filter(user=actor).exists()


def test_someone_who_stops_being_elu_loses_access_at_once(elu, room):
    assert selectors.may_enter(elu)
    affiliation = Affiliation.objects.get(user=elu)
    affiliation.capacity = Capacity.AGENT
    affiliation.save()
    assert not selectors.may_enter(elu)
    affiliation.capacity = Capacity.ELU
    affiliation.save()
    assert selectors.may_enter(elu)
    affiliation.status = AffiliationStatus.LEFT
    affiliation.save()
    with pytest.raises(NotAllowed):
        services.start_thread(actor=elu, room=room, title="Titre", body="Texte")


def test_replies_notify_the_participants_and_mentions_notify_the_mentioned(
    elu, other_elu, agent, thread, django_capture_on_commit_callbacks
):
    third = type(elu).objects.get(pk=services.reply(actor=other_elu, thread=thread, body="Oui").author_id)
    assert third == other_elu
    with django_capture_on_commit_callbacks(execute=True):
        post = services.reply(actor=elu, thread=thread, body="Merci @Jean Dupré, et @Camille " + agent.last_name)
    assert set(post.mentions.all()) == {other_elu}
    notification = Notification.objects.get(user=other_elu)
    assert notification.kind == "forum_mention"
    assert notification.url.endswith(f"#message-{post.pk}")
    assert Notification.objects.filter(user=elu, kind="forum_reply").count() == 1  # other_elu's reply
    assert not Notification.objects.filter(user=agent).exists()
    assert [m.to for m in mail.outbox] == [[other_elu.email]]


def test_forum_emails_are_not_sent_to_someone_who_stopped_being_elu(
    elu, other_elu, thread, django_capture_on_commit_callbacks
):
    services.reply(actor=other_elu, thread=thread, body="Je participe")
    with django_capture_on_commit_callbacks() as callbacks:
        services.reply(actor=elu, thread=thread, body="Réponse")
    Affiliation.objects.filter(user=other_elu).update(status=AffiliationStatus.LEFT)
    for callback in callbacks:
        callback()
    assert Notification.objects.filter(user=other_elu).count() == 1
    assert mail.outbox == []


def test_room_subscribers_get_new_threads_in_their_daily_digest(elu, other_elu, room):
    services.subscribe(actor=other_elu, room=room)
    services.start_thread(actor=elu, room=room, title="Les écoles numériques", body="Parlons-en")
    services.start_thread(actor=elu, room=room, title="Les tiers-lieux", body="Et de ceci")
    assert mail.outbox == []
    send_notification_digests.call()
    assert len(mail.outbox) == 1
    assert "Les écoles numériques" in mail.outbox[0].body and "Les tiers-lieux" in mail.outbox[0].body
    Affiliation.objects.filter(user=other_elu).update(capacity=Capacity.AGENT)
    services.start_thread(actor=elu, room=room, title="Un troisième", body="Texte")
    mail.outbox.clear()
    send_notification_digests.call()
    assert mail.outbox == []


def test_thread_subscribers_may_choose_immediate_emails(elu, other_elu, thread, django_capture_on_commit_callbacks):
    services.subscribe(actor=other_elu, thread=thread)
    set_preferences(actor=other_elu, deliveries={"forum_subscription": "immediate"})
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(actor=elu, thread=thread, body="Suite")
    assert [m.to for m in mail.outbox] == [[other_elu.email]]


def test_only_the_author_or_a_moderator_closes_and_nobody_replies_after(elu, other_elu, staff, thread):
    with pytest.raises(NotAllowed):
        services.close_thread(actor=other_elu, thread=thread, conclusion="Fin")
    with pytest.raises(RuleViolation):
        services.close_thread(actor=elu, thread=thread, conclusion="   ")
    thread.refresh_from_db()
    assert not thread.is_closed
    services.close_thread(actor=elu, thread=thread, conclusion="Nous retenons la mutualisation.")
    with pytest.raises(RuleViolation):
        services.reply(actor=other_elu, thread=thread, body="Encore un mot")
    with pytest.raises(RuleViolation):
        services.close_thread(actor=staff, thread=thread, conclusion="Autre")
    thread.refresh_from_db()
    assert thread.conclusion == "Nous retenons la mutualisation."
    assert thread.post_count == 1


def test_one_vote_per_elu_and_idea_withdrawable(elu, other_elu, staff, call_for_ideas, thread):
    idea = services.reply(actor=other_elu, thread=call_for_ideas, body="Une charte commune")
    assert services.vote(actor=elu, post=idea).vote_count == 1
    with pytest.raises(RuleViolation):
        services.vote(actor=elu, post=idea)
    with pytest.raises(NotAllowed):
        services.vote(actor=staff, post=idea)
    opening = Post.objects.filter(thread=call_for_ideas).order_by("id").first()
    with pytest.raises(RuleViolation):
        services.vote(actor=other_elu, post=opening)
    discussion_post = Post.objects.filter(thread=thread).first()
    with pytest.raises(RuleViolation):
        services.vote(actor=other_elu, post=discussion_post)
    assert services.withdraw_vote(actor=elu, post=idea).vote_count == 0
    with pytest.raises(RuleViolation):
        services.withdraw_vote(actor=elu, post=idea)
    assert Vote.objects.count() == 0
    services.vote(actor=elu, post=idea)
    services.close_thread(actor=elu, thread=call_for_ideas, conclusion="Retenue")
    with pytest.raises(RuleViolation):
        services.withdraw_vote(actor=elu, post=idea)
    idea.refresh_from_db()
    assert idea.vote_count == 1


def test_flags_by_elus_and_moderation_by_staff_with_reasons_kept(elu, other_elu, staff, thread):
    post = Post.objects.get(thread=thread)
    with pytest.raises(RuleViolation):
        services.flag(actor=elu, post=post, reason="Le mien")
    services.flag(actor=other_elu, post=post, reason="Hors sujet")
    with pytest.raises(RuleViolation):
        services.flag(actor=other_elu, post=post, reason="Encore")
    with pytest.raises(NotAllowed):
        services.moderate(actor=other_elu, post=post, action="hide", reason="Je décide")
    assert list(selectors.moderation_queue()) == [post]
    with pytest.raises(RuleViolation):
        services.moderate(actor=staff, post=post, action="hide", reason="")
    services.moderate(actor=staff, post=post, action="hide", reason="Propos hors charte")
    post.refresh_from_db()
    assert post.is_hidden
    assert list(selectors.moderation_queue()) == []
    assert Flag.objects.get().resolved_at is not None
    with pytest.raises(RuleViolation):
        services.moderate(actor=staff, post=post, action="hide", reason="Encore")
    services.moderate(actor=staff, post=post, action="restore", reason="Après relecture")
    post.refresh_from_db()
    assert not post.is_hidden
    assert list(ModerationEvent.objects.values_list("action", "reason")) == [
        ("hide", "Propos hors charte"),
        ("restore", "Après relecture"),
    ]


def test_unread_markers_follow_new_posts(elu, other_elu, thread, room):
    [(listed_room, total, unread)] = selectors.rooms_with_unread(other_elu)
    assert (listed_room, total, unread) == (room, 1, 1)
    services.mark_read(actor=other_elu, thread=thread)
    assert selectors.rooms_with_unread(other_elu)[0][2] == 0
    assert selectors.rooms_with_unread(elu)[0][2] == 0
    services.reply(actor=elu, thread=thread, body="Du nouveau")
    assert selectors.rooms_with_unread(other_elu)[0][2] == 1
    assert selectors.rooms_with_unread(elu)[0][2] == 0


def test_deleting_an_account_keeps_the_discussion_without_the_name(elu, other_elu, staff, thread, client):
    post = services.reply(actor=other_elu, thread=thread, body="Mon avis")
    services.flag(actor=elu, post=post, reason="Hors sujet")
    services.moderate(actor=staff, post=post, action="hide", reason="Hors charte")
    other_elu.delete()
    elu.delete()
    thread.refresh_from_db()
    assert thread.author is None
    assert Post.objects.filter(thread=thread).count() == 2
    client.force_login(staff)
    page = client.get(f"/espace-elus/discussions/{thread.pk}/").content.decode()
    assert "Ancien membre" in page and "Mon avis" in page


def _thread_with_subscribers(elu, room, count: int):
    """A thread of `elu` followed by `count` other élus who want its news at once."""
    thread = services.start_thread(actor=elu, room=room, title=f"Discussion suivie par {count}", body="Texte")
    subscribers = [EluAffiliationFactory().user for _ in range(count)]
    Subscription.objects.bulk_create(Subscription(user=user, thread=thread) for user in subscribers)
    NotificationPreference.objects.bulk_create(
        NotificationPreference(user=user, kind="forum_subscription", delivery="immediate") for user in subscribers
    )
    return thread, subscribers


def test_a_reply_and_its_emails_cost_the_same_queries_for_5_or_50_subscribers_and_mail_those_still_elus(
    elu, room, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    queries_by_size, sending_queries_by_size = {}, {}
    for count in (5, 50):
        thread, subscribers = _thread_with_subscribers(elu, room, count)
        mail.outbox.clear()
        with (
            django_assert_max_num_queries(30) as queries,
            django_capture_on_commit_callbacks() as callbacks,
        ):
            services.reply(actor=elu, thread=thread, body="Du nouveau")
        queries_by_size[count] = len(queries)
        assert Notification.objects.filter(user__in=subscribers, kind="forum_subscription").count() == count
        # Access is asked again when the emails leave: whoever stopped being élu meanwhile gets none.
        Affiliation.objects.filter(user=subscribers[0]).update(status=AffiliationStatus.LEFT)
        with django_assert_max_num_queries(10) as sending_queries:
            for callback in callbacks:
                callback()
        sending_queries_by_size[count] = len(sending_queries)
        assert sorted(m.to[0] for m in mail.outbox) == sorted(user.email for user in subscribers[1:])
    assert queries_by_size[5] == queries_by_size[50]
    assert sending_queries_by_size[5] == sending_queries_by_size[50]
