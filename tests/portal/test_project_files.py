"""Promises the repository makes to a newcomer: README, pinned dependencies."""

import re
import tomllib

from django.conf import settings

from portal import env


def _readme() -> str:
    return (settings.BASE_DIR / "README.md").read_text()


def test_readme_quick_start_is_make_demo_then_make_test():
    first_block = _readme().split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["make demo", "make test"]


def test_readme_lists_every_environment_variable():
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", _readme(), flags=re.MULTILINE))
    assert documented == {variable.name for variable in env.VARIABLES}


def test_direct_dependencies_are_pinned_and_match_the_lock():
    project = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())
    declared = (
        project["project"]["dependencies"] + project["project"]["optional-dependencies"]["dev"]
    )
    lock = {}
    for line in (settings.BASE_DIR / "requirements.lock").read_text().splitlines():
        if "==" in line:
            name, version = line.split("==")
            lock[name.lower().replace("_", "-")] = version.strip()
    for requirement in declared:
        name, version = requirement.split("==")
        name = re.sub(r"\[.*\]", "", name).lower().replace("_", "-")
        assert lock.get(name) == version, f"{requirement} is not what requirements.lock pins"
