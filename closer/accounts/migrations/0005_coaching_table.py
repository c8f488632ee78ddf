from django.db import migrations


class Migration(migrations.Migration):
    """The consent's table takes the name of the app that now owns it."""

    dependencies = [
        ("accounts", "0004_plan_numbers_and_coaching"),
        ("coaching", "0002_coaching_belongs_to_accounts"),
    ]

    operations = [
        migrations.AlterModelTable(name="coaching", table=None),
    ]
