"""Instructors cover areas (分片包干, issue 15 item 8): county-level region codes, matched against
an enterprise's region code to propose the instructor of a new round.

The column is added to the history table too, which the audit chain hashes (0010_audit_chain):
registered with the value earlier rows were given (an empty array, [] as jsonb), so that rows
written before this migration still verify (0018_audit_added_columns)."""

import compliance.models.bargaining
import django.contrib.postgres.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('compliance', '0020_procedure_periods'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalinstructor',
            name='areas',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=6), blank=True, default=list, help_text='The region codes of the counties, districts or development zones this instructor covers (分片包干), separated by commas or spaces, e.g. 230803, 230804. A new round with an enterprise there proposes this instructor.', size=None, validators=[compliance.models.bargaining.validate_areas], verbose_name='areas'),
        ),
        migrations.AddField(
            model_name='instructor',
            name='areas',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=6), blank=True, default=list, help_text='The region codes of the counties, districts or development zones this instructor covers (分片包干), separated by commas or spaces, e.g. 230803, 230804. A new round with an enterprise there proposes this instructor.', size=None, validators=[compliance.models.bargaining.validate_areas], verbose_name='areas'),
        ),
        migrations.RunSQL(
            "SELECT compliance_audit_column_added("
            "'compliance_historicalinstructor', 'areas', '[]'::jsonb);",
            "DELETE FROM compliance_auditcolumn"
            " WHERE table_name = 'compliance_historicalinstructor' AND column_name = 'areas';",
        ),
    ]
