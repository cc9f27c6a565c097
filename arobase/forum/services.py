"""Writes of the #elunum space: keyword-only, each checks the actor's access on every call, domain errors out."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from arobase.forum import rules, selectors
from arobase.forum.errors import NotAllowed, RuleViolation
from arobase.forum.models import (
    Flag,
    ModerationAction,
    ModerationEvent,
    Post,
    ReadMarker,
    Room,
    RoomKind,
    Subscription,
    Thread,
    ThreadKind,
)
from arobase.notifications.services import notify_many
from arobase.referential.models import EditionStatus, ReferentialEdition
from arobase.territories.models import Territory, TerritoryKind

FORUM_NOTIFICATION_KINDS = tuple(reason.value for reason in rules.Reason)
TITLE_MAX = 200
BODY_MAX = 20_000


def _require_access(actor) -> rules.Access:
    level = selectors.access(actor)
    if level not in (rules.Access.MEMBER, rules.Access.MODERATOR):
        raise NotAllowed(
            "L'espace #elunum est réservé aux élus des collectivités membres et à l'équipe Villes Internet."
        )
    return level


def _require_moderator(actor) -> None:
    if _require_access(actor) != rules.Access.MODERATOR:
        raise NotAllowed("Seule l'équipe Villes Internet modère l'espace #elunum.")


def _clean_text(value: str, *, field: str, maximum: int) -> str:
    value = (value or "").strip()
    if not value:
        raise RuleViolation(f"{field} est obligatoire.")
    if len(value) > maximum:
        raise RuleViolation(f"{field} dépasse {maximum} caractères.")
    return value


def ensure_rooms() -> int:
    """One room per theme of the current referential edition and one per région; idempotent. Returns how many
    were created."""
    created = 0
    edition = (
        ReferentialEdition.objects.filter(status=EditionStatus.PUBLISHED).order_by("-year").first()
        or ReferentialEdition.objects.order_by("-year").first()
    )
    if edition is not None:
        for theme in edition.themes.order_by("position", "code"):
            _, was_created = Room.objects.update_or_create(
                kind=RoomKind.THEME, key=theme.code, defaults={"name": theme.label, "position": theme.position}
            )
            created += was_created
    regions = Territory.objects.filter(kind=TerritoryKind.REGION, is_obsolete=False).order_by("name")
    for region in regions:
        _, was_created = Room.objects.update_or_create(
            kind=RoomKind.REGION, key=region.code, defaults={"name": region.name}
        )
        created += was_created
    return created


def _thread_path(thread: Thread, post: Post | None = None) -> str:
    path = reverse("forum:thread", kwargs={"pk": thread.pk})
    return f"{path}#message-{post.pk}" if post is not None else path


def _record_mentions(post: Post, mention_ids: set[int]) -> set[int]:
    names = {f"{u.first_name} {u.last_name}": u.pk for u in selectors.elus().only("first_name", "last_name")}
    mentioned = (rules.mentioned(post.body, names) | set(mention_ids)) & set(names.values())
    post.mentions.set(mentioned)
    return mentioned


def _notify_about(post: Post, *, mentioned_ids: set[int], is_new_thread: bool) -> None:
    thread = post.thread
    if is_new_thread:
        subscriber_ids = Subscription.objects.filter(room=thread.room).values_list("user_id", flat=True)
        participant_ids: list[int] = []
    else:
        subscriber_ids = Subscription.objects.filter(thread=thread).values_list("user_id", flat=True)
        participant_ids = list(thread.posts.exclude(pk=post.pk).values_list("author_id", flat=True))
    reasons = rules.recipients_by_reason(
        poster_id=post.author_id,
        mentioned_ids=mentioned_ids,
        participant_ids=participant_ids,
        subscriber_ids=list(subscriber_ids),
    )
    users = selectors.who_may_enter(list(reasons))
    author = str(post.author)
    titles = {
        rules.Reason.MENTION: f"{author} vous mentionne dans « {thread.title} »",
        rules.Reason.REPLY: f"Nouvelle réponse de {author} dans « {thread.title} »",
        rules.Reason.SUBSCRIPTION: (
            f"Nouvelle discussion dans {thread.room} : « {thread.title} »"
            if is_new_thread
            else f"Nouveau message dans « {thread.title} »"
        ),
    }
    recipients_by_reason: dict[rules.Reason, list] = {}
    for user in users:
        recipients_by_reason.setdefault(reasons[user.pk], []).append(user)
    for reason, recipients in recipients_by_reason.items():
        notify_many(users=recipients, kind=reason.value, title=titles[reason], url=_thread_path(thread, post))


def _add_post(*, thread: Thread, author, body: str, mention_ids: set[int], is_new_thread: bool) -> Post:
    post = Post.objects.create(thread=thread, author=author, body=body)
    Thread.objects.filter(pk=thread.pk).update(
        last_post_at=post.created_at, last_post_id=post.pk, post_count=F("post_count") + 1
    )
    thread.refresh_from_db()
    mentioned = _record_mentions(post, mention_ids)
    _mark_read(user=author, thread=thread, post_id=post.pk)
    _notify_about(post, mentioned_ids=mentioned, is_new_thread=is_new_thread)
    return post


@transaction.atomic
def start_thread(
    *, actor, room: Room, title: str, body: str, kind: str = ThreadKind.DISCUSSION, mention_ids: set[int] = frozenset()
) -> Thread:
    _require_access(actor)
    title = _clean_text(title, field="Le titre", maximum=TITLE_MAX)
    body = _clean_text(body, field="Le message", maximum=BODY_MAX)
    if kind not in ThreadKind.values:
        raise RuleViolation("Type de discussion inconnu.")
    thread = Thread.objects.create(room=room, author=actor, title=title, kind=kind)
    Subscription.objects.get_or_create(user=actor, thread=thread)
    _add_post(thread=thread, author=actor, body=body, mention_ids=set(mention_ids), is_new_thread=True)
    return thread


@transaction.atomic
def reply(*, actor, thread: Thread, body: str, mention_ids: set[int] = frozenset()) -> Post:
    _require_access(actor)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if not rules.may_reply(is_closed=thread.is_closed):
        raise RuleViolation("Cette discussion est close : on ne peut plus y répondre.")
    body = _clean_text(body, field="Le message", maximum=BODY_MAX)
    return _add_post(thread=thread, author=actor, body=body, mention_ids=set(mention_ids), is_new_thread=False)


@transaction.atomic
def close_thread(*, actor, thread: Thread, conclusion: str) -> Thread:
    level = _require_access(actor)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.is_closed:
        raise RuleViolation("Cette discussion est déjà close.")
    if not rules.may_close(
        is_author=thread.author_id == actor.pk, is_moderator=level == rules.Access.MODERATOR, is_closed=False
    ):
        raise NotAllowed("Seuls l'auteur de la discussion et les modérateurs peuvent la clore.")
    thread.conclusion = _clean_text(conclusion, field="La conclusion", maximum=BODY_MAX)
    thread.closed_at = timezone.now()
    thread.closed_by = actor
    thread.save(update_fields=["conclusion", "closed_at", "closed_by"])
    return thread


def _post_for_vote(post: Post) -> Post:
    post = Post.objects.select_related("thread").get(pk=post.pk)
    if not rules.may_vote(
        is_call_for_ideas=post.thread.is_call_for_ideas,
        is_closed=post.thread.is_closed,
        is_hidden=post.is_hidden,
        is_opening_post=post.pk == selectors.opening_post_id(post.thread),
    ):
        raise RuleViolation("On ne vote que pour les idées d'un appel à idées ouvert.")
    return post


@transaction.atomic
def vote(*, actor, post: Post) -> Post:
    if _require_access(actor) != rules.Access.MEMBER:
        raise NotAllowed("Seuls les élus votent.")
    post = _post_for_vote(post)
    try:
        with transaction.atomic():
            post.votes.create(user=actor)
    except IntegrityError as error:
        raise RuleViolation("Vous avez déjà voté pour cette idée.") from error
    Post.objects.filter(pk=post.pk).update(vote_count=F("vote_count") + 1)
    post.refresh_from_db()
    return post


@transaction.atomic
def withdraw_vote(*, actor, post: Post) -> Post:
    _require_access(actor)
    post = _post_for_vote(post)
    deleted, _ = post.votes.filter(user_id=actor.pk).delete()
    if not deleted:
        raise RuleViolation("Vous n'avez pas voté pour cette idée.")
    Post.objects.filter(pk=post.pk).update(vote_count=F("vote_count") - 1)
    post.refresh_from_db()
    return post


@transaction.atomic
def flag(*, actor, post: Post, reason: str) -> Flag:
    if _require_access(actor) != rules.Access.MEMBER:
        raise NotAllowed("Les modérateurs masquent directement un message ; le signalement est réservé aux élus.")
    post = Post.objects.get(pk=post.pk)
    if post.author_id == actor.pk:
        raise RuleViolation("Vous ne pouvez pas signaler votre propre message.")
    if not rules.may_flag(is_author=False, is_hidden=post.is_hidden):
        raise RuleViolation("Ce message est déjà masqué.")
    reason = _clean_text(reason, field="Le motif", maximum=2_000)
    try:
        with transaction.atomic():
            return Flag.objects.create(post=post, user=actor, reason=reason)
    except IntegrityError as error:
        raise RuleViolation("Vous avez déjà signalé ce message.") from error


@transaction.atomic
def moderate(*, actor, post: Post, action: str, reason: str) -> Post:
    """Hide or restore a post, or dismiss its flags; the reason is kept and shown to moderators."""
    _require_moderator(actor)
    if action not in ModerationAction.values:
        raise RuleViolation("Décision de modération inconnue.")
    reason = _clean_text(reason, field="Le motif", maximum=2_000)
    post = Post.objects.select_for_update().get(pk=post.pk)
    if action == ModerationAction.HIDE and post.is_hidden:
        raise RuleViolation("Ce message est déjà masqué.")
    if action == ModerationAction.RESTORE and not post.is_hidden:
        raise RuleViolation("Ce message n'est pas masqué.")
    if action != ModerationAction.DISMISS:
        post.is_hidden = action == ModerationAction.HIDE
        post.save(update_fields=["is_hidden"])
    ModerationEvent.objects.create(post=post, moderator=actor, action=action, reason=reason)
    post.flags.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    return post


def subscribe(*, actor, room: Room | None = None, thread: Thread | None = None) -> Subscription:
    _require_access(actor)
    if (room is None) == (thread is None):
        raise RuleViolation("Abonnez-vous à un salon ou à une discussion.")
    subscription, _ = Subscription.objects.get_or_create(user=actor, room=room, thread=thread)
    return subscription


def unsubscribe(*, actor, room: Room | None = None, thread: Thread | None = None) -> None:
    _require_access(actor)
    Subscription.objects.filter(user=actor, room=room, thread=thread).delete()


def _mark_read(*, user, thread: Thread, post_id: int | None) -> None:
    if post_id is None:
        return
    marker, created = ReadMarker.objects.get_or_create(
        user=user, thread=thread, defaults={"last_read_post_id": post_id}
    )
    if not created and marker.last_read_post_id < post_id:
        ReadMarker.objects.filter(pk=marker.pk).update(last_read_post_id=post_id)


def mark_read(*, actor, thread: Thread) -> None:
    _require_access(actor)
    _mark_read(user=actor, thread=thread, post_id=thread.last_post_id)
