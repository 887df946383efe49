"""An import-linter contract of the project's own (`make lint`, [tool.importlinter] in
pyproject.toml): no import cycle between modules, imports inside functions included.

import-linter's acyclic_siblings works on packages; Wagtail page types read through selectors
that read the page types' own modules, a package-level loop with no module-level cycle, so the
module-level check is the one that holds the line there."""

from __future__ import annotations

import itertools

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class ModuleAcyclicContract(Contract):
    type_name = "module_acyclic"

    packages = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        prefixes = tuple(self.packages)
        modules = sorted(m for m in graph.modules if m.split(".")[0] in prefixes)
        inside = set(modules)
        reported: set[tuple[str, str]] = set()
        cycles = []
        for importer in modules:
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                if imported not in inside or (importer, imported) in reported:
                    continue
                back = graph.find_shortest_chain(importer=imported, imported=importer)
                if back:
                    cycle = (importer, *back)
                    reported.update(itertools.pairwise(cycle))
                    cycles.append(cycle)
        return ContractCheck(kept=not cycles, metadata={"cycles": cycles})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error(" -> ".join(cycle), bold=False)
            output.new_line()
