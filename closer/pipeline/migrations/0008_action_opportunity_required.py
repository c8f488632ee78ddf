import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    # Apart from the data step before it: PostgreSQL refuses to alter a table in the same
    # transaction that updated its rows under deferred constraints.
    dependencies = [("pipeline", "0007_actions_know_their_opportunity")]

    operations = [
        migrations.AlterField(
            model_name="action",
            name="opportunity",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="actions",
                to="pipeline.opportunity",
            ),
        ),
    ]
