from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoomKind(models.TextChoices):
    THEME = "theme", _("Thème du référentiel")
    REGION = "region", _("Région")


class Room(models.Model):
    """A salon of the space: one per theme of the referential (by its code, stable across editions), one per région."""

    kind = models.CharField(_("type"), max_length=10, choices=RoomKind.choices)
    key = models.CharField(_("clé"), max_length=20)
    name = models.CharField(_("nom"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("salon")
        verbose_name_plural = _("salons")
        ordering = ["kind", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="forum_room_one_per_kind_key")]

    def __str__(self) -> str:
        return self.name


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    CALL_FOR_IDEAS = "ideas", _("Appel à idées")


class Thread(models.Model):
    room = models.ForeignKey(Room, verbose_name=_("salon"), on_delete=models.CASCADE, related_name="threads")
    # A deleted account leaves its messages, without its name (personal data deletion).
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("titre"), max_length=200)
    kind = models.CharField(_("type"), max_length=12, choices=ThreadKind.choices, default=ThreadKind.DISCUSSION)
    created_at = models.DateTimeField(_("ouverte le"), auto_now_add=True)
    # Kept on the thread so that lists sort and show unread markers without reading the posts.
    last_post_at = models.DateTimeField(_("dernier message le"), null=True, blank=True)
    last_post_id = models.BigIntegerField(null=True, blank=True)
    post_count = models.PositiveIntegerField(default=0)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    conclusion = models.TextField(_("conclusion"), blank=True)

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        indexes = [models.Index(fields=["room", "-last_post_at", "-id"], name="forum_thread_room_recent")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def is_call_for_ideas(self) -> bool:
        return self.kind == ThreadKind.CALL_FOR_IDEAS


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    # A deleted account leaves its messages, without its name (personal data deletion).
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)
    is_hidden = models.BooleanField(_("masqué"), default=False)
    vote_count = models.PositiveIntegerField(default=0)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.thread} · {self.pk}"


class Vote(models.Model):
    """An élu's support for an idea (a post of a call for ideas); one per élu and idea, withdrawable."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="forum_vote_one_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.post_id}"


class Flag(models.Model):
    """An élu's report of a post to the moderators; closed when a moderator decides."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("motif du signalement"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="forum_flag_one_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id} ⚑ {self.post_id}"


class ModerationAction(models.TextChoices):
    HIDE = "hide", _("Masqué")
    RESTORE = "restore", _("Rétabli")
    DISMISS = "dismiss", _("Signalements classés")


class ModerationEvent(models.Model):
    """What a moderator did to a post and why: kept, shown to moderators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="moderation_events")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("décision"), max_length=10, choices=ModerationAction.choices)
    reason = models.TextField(_("motif"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("décision de modération")
        verbose_name_plural = _("décisions de modération")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.post_id}"


class Subscription(models.Model):
    """Someone follows a room (new threads) or a thread (new posts)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions")

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(room__isnull=False, thread__isnull=True)
                | models.Q(room__isnull=True, thread__isnull=False),
                name="forum_subscription_room_xor_thread",
            ),
            models.UniqueConstraint(fields=["user", "room"], name="forum_subscription_one_per_room"),
            models.UniqueConstraint(fields=["user", "thread"], name="forum_subscription_one_per_thread"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.room_id or self.thread_id}"


class ReadMarker(models.Model):
    """The last post of a thread someone has seen."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_markers")
    last_read_post_id = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forum_read_marker_one_per_thread")]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.thread_id} · {self.last_read_post_id}"
