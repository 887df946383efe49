"""The verification code of the filing receipt (issue 17 item 7).

Every filed contract (a filing number) gets a random code, unique in the federation, which its
receipt prints and the public verification page checks with the filing number. Contracts filed
before this migration are given theirs here.

The new history column is registered with the audit chain (0018): rows written before it read
"" there. The live rows are given their codes in place: no history row is written, and the
history rows, which the audit chain hashes, keep what was stored then (as 0022 did).
"""

from django.db import migrations, models

from compliance.rules.receipts import code_new

AUDIT_SQL = (
    "SELECT compliance_audit_column_added("
    "'compliance_historicalcontract', 'verification_code', '\"\"');\n"
    "SELECT compliance_audit_install();"
)


def backfill(apps, schema_editor):
    Contract = apps.get_model("compliance", "Contract")
    used = set(Contract.objects.exclude(verification_code="").values_list("verification_code", flat=True))
    filed = Contract.objects.exclude(filing_number="").filter(verification_code="")
    for pk in filed.order_by("pk").values_list("pk", flat=True).iterator():
        code = code_new()
        while code in used:
            code = code_new()
        used.add(code)
        Contract.objects.filter(pk=pk).update(verification_code=code)


class Migration(migrations.Migration):
    dependencies = [("compliance", "0027_enterprise_accounts")]

    operations = [
        migrations.AddField(
            model_name="contract",
            name="verification_code",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=14,
                verbose_name="receipt verification code",
            ),
        ),
        migrations.AddField(
            model_name="historicalcontract",
            name="verification_code",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=14,
                verbose_name="receipt verification code",
            ),
        ),
        migrations.AddConstraint(
            model_name="contract",
            constraint=models.UniqueConstraint(
                condition=models.Q(("verification_code", ""), _negated=True),
                fields=("verification_code",),
                name="contract_verification_code_unique",
            ),
        ),
        migrations.RunSQL(AUDIT_SQL, migrations.RunSQL.noop),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
