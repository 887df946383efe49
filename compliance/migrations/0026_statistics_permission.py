# The permission that opens the statistics pages (issue 16, items 1 and 3). Only the model's
# options change: Django creates the permission after migrating, and tenants.roles grants it to
# the administrators and the statistics staff.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0025_case_referral"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="enterprise",
            options={
                "ordering": ["name"],
                "permissions": [
                    ("read_statistics", "Can read the statistics and the roll-up")
                ],
                "verbose_name": "enterprise",
                "verbose_name_plural": "enterprises",
            },
        ),
    ]
