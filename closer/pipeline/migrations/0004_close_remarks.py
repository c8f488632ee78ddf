from django.db import migrations


class Migration(migrations.Migration):
    """A close's own remarks are not notes (notes are messages): one word per concept."""

    dependencies = [("pipeline", "0003_indexes_for_the_worker")]

    operations = [
        migrations.RenameField(model_name="close", old_name="notes", new_name="remarks"),
    ]
