"""The federation's model texts (示范文本, issue 17 item 4): one row per clause of the model text of
a contract kind, with history. Like every history table, the new one joins the hash-chained audit
trail (0010_audit_chain): compliance_audit_install() adds its trigger; dropping the table drops it.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

KINDS = [
    ("comprehensive", "Comprehensive"),
    ("wages", "Special: wages"),
    ("women", "Special: women workers' protection"),
    ("safety", "Special: labour safety and health"),
]
TOPICS = [
    ("wages", "Wages"),
    ("hours", "Working hours"),
    ("rest", "Rest and leave"),
    ("safety", "Safety and health"),
    ("training", "Training"),
    ("insurance", "Insurance and welfare"),
    ("women", "Women workers"),
    ("other", "Other"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0028_filing_receipt_code"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ModelClause",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=KINDS, max_length=15, verbose_name="contract kind")),
                ("order", models.PositiveIntegerField(verbose_name="order")),
                ("topic", models.CharField(choices=TOPICS, max_length=10, verbose_name="topic")),
                ("text", models.TextField(verbose_name="text")),
            ],
            options={
                "verbose_name": "model-text clause",
                "verbose_name_plural": "model texts",
                "ordering": ["kind", "order"],
                "indexes": [models.Index(fields=["kind", "topic"], name="model_clause_kind_topic")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "order"),
                        name="model_clause_order_unique",
                        violation_error_message="The model text of this kind already has a clause with this number: choose another.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalModelClause",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("kind", models.CharField(choices=KINDS, max_length=15, verbose_name="contract kind")),
                ("order", models.PositiveIntegerField(verbose_name="order")),
                ("topic", models.CharField(choices=TOPICS, max_length=10, verbose_name="topic")),
                ("text", models.TextField(verbose_name="text")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                ("history_type", models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1)),
                ("history_user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "historical model-text clause",
                "verbose_name_plural": "historical model texts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunSQL("SELECT compliance_audit_install();", migrations.RunSQL.noop),
    ]
