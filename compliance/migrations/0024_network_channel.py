"""The network channel (issue 16, DOMAIN.md §7): the ledger learns 规上 (above designated size),
one of the segments the figures are broken down by, and the federation's schema notes in the
shared schema when its figures move, so that the publisher (compliance.services.network) can
republish them within minutes.

The note is one appended row per written statement (public.tenants_figurechange: schema, first
day moved), never an update of a shared row, so writers never wait on each other. A change to the
statistics log notes its earliest day up to tomorrow (changes logged further ahead, such as a
contract's end, move no day published yet); a change to the ledger notes today (the ledger keeps
no history). Folding the log (compliance_stat_compact) moves no figure and notes nothing.
"""

from django.db import migrations, models

FORWARD = r"""
CREATE OR REPLACE FUNCTION compliance_stat_compact() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('compliance.stat_compacting', 'on', true);
    WITH gone AS (DELETE FROM compliance_statdelta RETURNING day, metric, delta)
    INSERT INTO compliance_statdelta (day, metric, delta)
    SELECT day, metric, sum(delta) FROM gone GROUP BY day, metric HAVING sum(delta) <> 0;
    PERFORM set_config('compliance.stat_compacting', 'off', true);
END $$;

CREATE FUNCTION compliance_figures_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    first_day date;
BEGIN
    IF current_setting('compliance.stat_compacting', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'compliance_statdelta' THEN
        SELECT min(day) INTO first_day FROM new_rows WHERE day <= current_date + 1;
    ELSE
        first_day := current_date;
    END IF;
    IF first_day IS NOT NULL THEN
        INSERT INTO public.tenants_figurechange (schema_name, since, noted_at)
        VALUES (current_schema(), first_day, now());
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER figures_log_insert AFTER INSERT ON compliance_statdelta
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_figures_changed();
CREATE TRIGGER figures_ledger_change AFTER INSERT OR UPDATE OR DELETE ON compliance_enterprise
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_figures_changed();
"""

BACKWARD = r"""
DROP TRIGGER figures_log_insert ON compliance_statdelta;
DROP TRIGGER figures_ledger_change ON compliance_enterprise;
DROP FUNCTION compliance_figures_changed();
CREATE OR REPLACE FUNCTION compliance_stat_compact() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    WITH gone AS (DELETE FROM compliance_statdelta RETURNING day, metric, delta)
    INSERT INTO compliance_statdelta (day, metric, delta)
    SELECT day, metric, sum(delta) FROM gone GROUP BY day, metric HAVING sum(delta) <> 0;
END $$;
"""
AUDIT_SQL = (
    "SELECT compliance_audit_column_added("
    "'compliance_historicalenterprise', 'above_designated_size', 'null');"
)

FIELD = models.BooleanField(
    blank=True,
    default=None,
    help_text="Whether the statistics bureau counts the enterprise as above designated size "
    "(规模以上); empty when not known.",
    null=True,
    verbose_name="above designated size (规上)",
)


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0023_period_indexes"),
        ("tenants", "0003_network_figures"),
    ]

    operations = [
        migrations.AddField(model_name="enterprise", name="above_designated_size", field=FIELD),
        migrations.AddField(
            model_name="historicalenterprise", name="above_designated_size", field=FIELD
        ),
        migrations.RunSQL(AUDIT_SQL, migrations.RunSQL.noop),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
