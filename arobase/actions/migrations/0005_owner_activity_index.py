from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0004_pending_revision_of_published_action"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="action",
            index=models.Index(
                condition=models.Q(("is_published", True)),
                fields=["owner", "last_activity_at"],
                name="action_owner_activity_idx",
            ),
        ),
    ]
