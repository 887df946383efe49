"""The locks backups, restores and provisioning take at the fleet's size, against the server's
lock table (tenants.backup.lock_budget, `backup_federation --check-settings`)."""

from django.core.management import call_command

from tenants import context


def test_the_lock_budget_reads_the_fleet_and_the_server(fed_a, fed_b):
    from tenants.backup import lock_budget

    with context.public():
        budget = lock_budget(concurrent=2)
    assert budget.federations == 2
    assert 150 < budget.tables_per_federation < budget.relations_per_federation
    assert budget.whole_database_dump == 2 * budget.tables_per_federation
    assert budget.one_federation == 2 * budget.relations_per_federation
    slots = budget.lock_slots // budget.max_locks_per_transaction
    # 50% headroom, rounded up to whole locks per connection.
    needed = budget.needed(whole_database=False, slots_per_lock=slots)
    assert needed * slots >= budget.one_federation * 1.5 > (needed - 1) * slots


def test_check_settings_prints_what_to_set(fed_a, fed_b, capsys):
    call_command("backup_federation", "--check-settings")
    out = capsys.readouterr().out
    assert "2 federations" in out and "needs max_locks_per_transaction >=" in out
