"""One history record per existing proposal and decision, so that their first change shows what it replaced."""

from django.db import migrations

REASON = "État à la mise en place de l'historique"


def record_baseline(apps, schema_editor):
    for name, fields, date_field, author_field in (
        ("JuryDecision", ("candidacy_id", "arobases", "alert", "recorded_by_id"), "recorded_at", "recorded_by_id"),
        ("JurorProposal", ("candidacy_id", "juror_id", "arobases", "alert", "comment"), "updated_at", "juror_id"),
    ):
        model = apps.get_model("label", name)
        history = apps.get_model("label", f"Historical{name}")
        mentions_history = apps.get_model("label", f"Historical{name}_mentions")
        through = model.mentions.through
        owner = f"{name.lower()}_id"
        for instance in model.objects.exclude(pk__in=history.objects.values("id")).iterator():
            record = history.objects.create(
                id=instance.pk,
                **{field: getattr(instance, field) for field in fields},
                history_date=getattr(instance, date_field),
                history_type="+",
                history_user_id=getattr(instance, author_field),
                history_change_reason=REASON,
            )
            mentions_history.objects.bulk_create(
                mentions_history(history=record, id=row_id, **{owner: instance.pk}, mention_id=mention_id)
                for row_id, mention_id in through.objects.filter(**{owner: instance.pk}).values_list("id", "mention_id")
            )


class Migration(migrations.Migration):
    dependencies = [("label", "0003_jury_decision_history")]

    operations = [migrations.RunPython(record_baseline, migrations.RunPython.noop)]
