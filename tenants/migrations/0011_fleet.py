"""Fleet migrations (tenants.fleet): a schema's applied migrations as one hash, readable for every
federation in one query, and the release each federation's defaults were last synced to."""

from django.db import migrations, models

DIGEST = """
CREATE OR REPLACE FUNCTION public.schema_migrations_digest(target text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
    digest text;
BEGIN
    IF to_regclass(format('%I.django_migrations', target)) IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format(
        'SELECT md5(coalesce(string_agg(app || ''.'' || name, '','' ORDER BY app, name), '''')) '
        'FROM %I.django_migrations', target
    ) INTO digest;
    RETURN digest;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("tenants", "0010_network_notices")]

    operations = [
        migrations.AddField(
            model_name="federation",
            name="platform_synced",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunSQL(DIGEST, "DROP FUNCTION IF EXISTS public.schema_migrations_digest(text);"),
    ]
