from django.db import migrations
from django.db.models import OuterRef, Subquery


def forwards(apps, schema_editor):
    # Every action so far belongs to an interview; its opportunity is the interview's.
    Action = apps.get_model("pipeline", "Action")
    Interview = apps.get_model("pipeline", "Interview")
    of_interview = Interview.objects.filter(pk=OuterRef("interview_id")).values("opportunity_id")
    Action.objects.filter(opportunity__isnull=True).update(opportunity_id=Subquery(of_interview[:1]))


class Migration(migrations.Migration):
    dependencies = [("pipeline", "0006_a_record_you_can_live_in")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
