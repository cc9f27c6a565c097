"""Reads of the #elunum space. Access is asked of the database on every call: nobody keeps a right they lost."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q, QuerySet, Subquery

from arobase.accounts.models import Affiliation, AffiliationStatus, Capacity
from arobase.forum import rules
from arobase.forum.models import Flag, Post, ReadMarker, Room, Subscription, Thread


def is_elu(user) -> bool:
    """An approved, not ended attachment to a collectivité in the capacity of élu."""
    return Affiliation.objects.filter(
        user_id=user.pk, status=AffiliationStatus.APPROVED, capacity=Capacity.ELU, ended_at__isnull=True
    ).exists()


def access(user) -> rules.Access:
    authenticated = bool(user is not None and user.is_authenticated)
    return rules.access(
        is_authenticated=authenticated,
        is_active=authenticated and user.is_active,
        is_staff=authenticated and user.is_staff,
        # Staff moderate whatever their attachments: no query for them.
        is_elu=authenticated and not user.is_staff and is_elu(user),
    )


def may_enter(user) -> bool:
    return access(user) in (rules.Access.MEMBER, rules.Access.MODERATOR)


def who_may_enter(user_ids) -> QuerySet:
    """Among these people, those the access rule lets in (active élus and staff), in one query."""
    allowed_elus = elus().filter(pk__in=user_ids).values("pk")
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=user_ids)
        .filter(Q(is_staff=True) | Q(pk__in=allowed_elus))
    )


def ids_who_may_enter(users) -> list[int]:
    """The ids of those among `users` the access rule lets in, in one query (asked when the space's emails leave)."""
    return list(who_may_enter([user.pk for user in users]).values_list("pk", flat=True))


def elus() -> QuerySet:
    """The people who may be mentioned: élus of any collectivité, by name."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            affiliations__status=AffiliationStatus.APPROVED,
            affiliations__capacity=Capacity.ELU,
            affiliations__ended_at__isnull=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


def _last_read(user):
    return Subquery(ReadMarker.objects.filter(user_id=user.pk, thread=OuterRef("pk")).values("last_read_post_id")[:1])


def rooms_with_unread(user) -> list[tuple[Room, int, int]]:
    """Every room with its number of threads and of threads with posts this person has not read (2 queries)."""
    rooms = list(Room.objects.all())
    counts: dict[int, list[int]] = {room.pk: [0, 0] for room in rooms}
    threads = Thread.objects.annotate(last_read=_last_read(user)).values_list("room_id", "last_post_id", "last_read")
    for room_id, last_post_id, last_read in threads:
        counts[room_id][0] += 1
        if rules.is_unread(last_post_id=last_post_id, last_read_post_id=last_read):
            counts[room_id][1] += 1
    return [(room, *counts[room.pk]) for room in rooms]


def room_threads(room: Room, user) -> QuerySet[Thread]:
    """The threads of a room, most recent activity first, each with the last post this person read."""
    return (
        Thread.objects.filter(room=room)
        .select_related("author")
        .annotate(last_read=_last_read(user))
        .order_by("-last_post_at", "-id")
    )


def thread_posts(thread: Thread) -> QuerySet[Post]:
    return thread.posts.select_related("author").prefetch_related("mentions", "moderation_events__moderator")


def last_read_post_id(thread: Thread, user) -> int | None:
    return ReadMarker.objects.filter(thread=thread, user_id=user.pk).values_list("last_read_post_id", flat=True).first()


def opening_post_id(thread: Thread) -> int | None:
    return thread.posts.order_by("id").values_list("pk", flat=True).first()


def voted_post_ids(thread: Thread, user) -> set[int]:
    return set(thread.posts.filter(votes__user_id=user.pk).values_list("pk", flat=True))


def flagged_post_ids(thread: Thread, user) -> set[int]:
    return set(Flag.objects.filter(post__thread=thread, user_id=user.pk).values_list("post_id", flat=True))


def is_subscribed(user, *, room: Room | None = None, thread: Thread | None = None) -> bool:
    return Subscription.objects.filter(user_id=user.pk, room=room, thread=thread).exists()


def moderation_queue() -> QuerySet[Post]:
    """Posts with open flags, oldest report first."""
    return (
        Post.objects.filter(flags__resolved_at__isnull=True)
        .distinct()
        .select_related("author", "thread", "thread__room")
        .prefetch_related("flags__user", "moderation_events__moderator")
        .order_by("id")
    )
