"""The back office's code is laid out as docs/architecture.md says: procedures in packages."""

from pathlib import Path

import compliance

# What the back office and the enterprise area share (neither may import the other) is the
# package compliance/forms/, not a loose module here.
ALLOWED_TOP_MODULES = {
    "__init__.py",
    "apps.py",
    "tasks.py",
    "wagtail_hooks.py",
}


def test_no_loose_modules_at_the_top_of_compliance():
    """Regression: nine view modules lay loose at the top of compliance/ beside viewsets/."""
    top = Path(compliance.__file__).parent
    loose = {p.name for p in top.glob("*.py")} - ALLOWED_TOP_MODULES
    assert loose == set()


def test_every_procedure_package_has_its_viewsets():
    backoffice = Path(compliance.__file__).parent / "backoffice"
    packages = [p for p in backoffice.iterdir() if (p / "__init__.py").exists()]
    assert len(packages) == 18  # wages: the wage highlights (issue 19)
    for package in packages:
        has_viewsets = (package / "viewsets.py").exists() or any(
            "ViewSet(" in f.read_text() for f in package.glob("*.py")
        )
        assert has_viewsets, package.name
