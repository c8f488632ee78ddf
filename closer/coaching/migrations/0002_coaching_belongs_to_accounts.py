from django.db import migrations


class Migration(migrations.Migration):
    """The consent now lives in accounts (see accounts 0004); its rows stay where they are."""

    dependencies = [
        ("coaching", "0001_initial"),
        ("accounts", "0004_plan_numbers_and_coaching"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Coaching")],
            database_operations=[],
        ),
    ]
