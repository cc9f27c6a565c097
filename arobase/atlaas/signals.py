"""Keep the search index and the actions version up to date on every write of an action or of its parts.

Bulk writes (the demo generator) send no signals: they call `services.actions_written` themselves, and wrap their
work in `services.index_suspended()` so that cascaded deletions do not refresh one action at a time.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save


def _action_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        from arobase.atlaas import services

        services.actions_written([instance.pk], territory_ids=[instance.owner_id])


def _child_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        from arobase.atlaas import services

        services.actions_written([instance.action_id], territory_ids=[getattr(instance, "territory_id", None)])


def _m2m_changed(sender, instance, action, reverse, model, pk_set=None, **kwargs):
    from arobase.actions.models import ActionTerritory

    partners = sender is ActionTerritory
    if partners and action == "pre_clear":
        # `clear()` names no collectivité afterwards: remember who loses the actions' coverage.
        instance._coverage_cleared = (
            [instance.pk]
            if reverse
            else list(ActionTerritory.objects.filter(action_id=instance.pk).values_list("territory_id", flat=True))
        )
    if action.startswith("post_"):
        from arobase.atlaas import services

        touched = list(pk_set or [])
        action_ids = touched if reverse else [instance.pk]
        territory_ids: list[int] = []
        if partners:
            territory_ids = [instance.pk] if reverse else touched
            territory_ids += getattr(instance, "_coverage_cleared", [])
        services.actions_written(action_ids, territory_ids=territory_ids)


def connect() -> None:
    from arobase.actions.models import Action, ActionTerritory, Actor, Place

    post_save.connect(_action_saved, sender=Action, dispatch_uid="atlaas_action_saved")
    post_delete.connect(_action_saved, sender=Action, dispatch_uid="atlaas_action_deleted")
    for model in (Actor, Place, ActionTerritory):
        post_save.connect(_child_saved, sender=model, dispatch_uid=f"atlaas_{model.__name__}_saved")
        post_delete.connect(_child_saved, sender=model, dispatch_uid=f"atlaas_{model.__name__}_deleted")
    for through in (Action.services.through, Action.shared_with.through):
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"atlaas_{through.__name__}_m2m")
