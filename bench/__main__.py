"""`make bench`: run every bench/bench_*.py in one process on a throw-away database, print a table.

Each benchmark measures its baseline in the same run and reports the ratio; nothing here asserts
a timing (those belong in neither the test suite nor CI). A benchmark may mark a row failed when
what it measured went wrong (bench_load: a request failed): the run then exits 1.
`python -m bench load public` runs only the named benchmarks. Those in OWN_TARGET take too long
for the default run and run only when named (`make bench-fleet`).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

from bench.harness import print_table, setup_django

OWN_TARGET = {"fleet"}


def main(selected: list[str]) -> int:
    teardown = setup_django()
    rows = []
    try:
        import bench

        names = sorted(
            m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")
        )
        for name in names:
            short = name.removeprefix("bench_")
            if (selected and short not in selected) or (not selected and short in OWN_TARGET):
                continue
            module = importlib.import_module(f"bench.{name}")
            print(f"running {name} …", flush=True)
            rows += module.run()
    finally:
        teardown()
    print()
    print_table(rows)
    failed = [row for row in rows if row.failed]
    for row in failed:
        print(f"FAIL {row.benchmark}: {row.case}: {row.note}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
