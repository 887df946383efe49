"""Every date a back-office form shows is ISO, in every language (issue 14's blank date fields)."""

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.utils import translation

import compliance.backoffice
from cms_pages.forms import NoticeFilterForm
from compliance.backoffice.common import date_field

DAY = dt.date(2026, 12, 5)


def _form_classes():
    for module_info in pkgutil.walk_packages(
        compliance.backoffice.__path__, prefix="compliance.backoffice."
    ):
        module = importlib.import_module(module_info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                yield value


def _date_fields():
    found = [
        (f"{form.__module__}.{form.__name__}.{name}", field)
        for form in {*_form_classes(), NoticeFilterForm}
        for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField)
    ]
    return [*found, ("date_field()", date_field("day"))]


def test_the_forms_have_date_fields_to_check():
    assert len(_date_fields()) > 30


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_date_input_shows_an_iso_value_the_browser_keeps(language):
    """Regression: with Chinese formats a date input held "2026/12/05", which Chromium discards,
    so every step form showed an empty date."""
    with translation.override(language):
        wrong = [
            name
            for name, field in _date_fields()
            if 'value="2026-12-05"' not in field.widget.render("day", DAY)
            or field.widget.input_type != "date"
        ]
    assert wrong == []
