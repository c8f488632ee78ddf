import datetime

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Every number of the plan rules becomes a setting, and the coaching consent (who may
    read whose data) moves here from the coaching app. The consent keeps its table for now;
    0005 renames it."""

    dependencies = [
        ("accounts", "0003_invitation_loginfailure"),
        ("coaching", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="usersettings",
            name="prepare_at",
            field=models.TimeField(default=datetime.time(18, 0)),
        ),
        migrations.AddField(
            model_name="usersettings",
            name="reply_at",
            field=models.TimeField(default=datetime.time(10, 0)),
        ),
        migrations.AddField(
            model_name="usersettings",
            name="gone_quiet_days",
            field=models.PositiveSmallIntegerField(default=5),
        ),
        migrations.AddField(
            model_name="usersettings",
            name="confirm_round_days",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="usersettings",
            name="ask_referrals_days",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="usersettings",
            name="offer_deadline_ask_days",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Coaching",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("email", models.EmailField(max_length=254)),
                        ("token_hash", models.CharField(max_length=64, unique=True)),
                        ("status", models.CharField(choices=[("invited", "Invited"), ("active", "Active"), ("revoked", "Revoked")], default="invited", max_length=10)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("accepted_at", models.DateTimeField(blank=True, null=True)),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        ("coach", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="coached", to=settings.AUTH_USER_MODEL)),
                        ("owner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="coachings", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "coaching_coaching",
                        "ordering": ["-created_at"],
                        "indexes": [models.Index(fields=["coach", "status"], name="coaching_coach_status")],
                        "constraints": [
                            models.UniqueConstraint(models.F("owner"), models.F("coach"), condition=models.Q(("status", "active")), name="coaching_one_active_per_pair"),
                            models.CheckConstraint(condition=models.Q(("owner", models.F("coach")), _negated=True), name="coaching_not_self"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
