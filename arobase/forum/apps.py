from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "arobase.forum"
    verbose_name = "#elunum, l'espace des élus"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from arobase.forum.selectors import ids_who_may_enter
        from arobase.forum.services import FORUM_NOTIFICATION_KINDS
        from arobase.notifications.recipients import register_recipient_check

        # An email about the space leaves only if its recipient may still enter when it is sent.
        for kind in FORUM_NOTIFICATION_KINDS:
            register_recipient_check(kind, ids_who_may_enter)
