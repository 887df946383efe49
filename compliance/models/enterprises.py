from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from compliance.rules.uscc import uscc_problem
from tenants.models import validate_region_code

USCC_MESSAGES = {
    "length": _("A unified social credit code has 18 characters."),
    "alphabet": _(
        "A unified social credit code uses digits and capital letters except I, O, S, V and Z."
    ),
    "region": _("Characters 3–8 of a unified social credit code are the six-digit region code."),
    "check": _("The check character (the 18th) does not match: the code is mistyped."),
}
KEY_EMPLOYEE_THRESHOLD = 100
CONGRESS_DATE_MESSAGE = _(
    "A date of the last workers' congress needs the workers' congress recorded as existing."
)


def validate_uscc(value: str) -> None:
    problem = uscc_problem(value)
    if problem:
        raise ValidationError(USCC_MESSAGES[problem], code=f"uscc_{problem}")


class Industry(models.TextChoices):
    """GB/T 4754-2017 sections."""

    A = "A", _("Agriculture, forestry, animal husbandry and fishery")
    B = "B", _("Mining")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, heat, gas and water supply")
    E = "E", _("Construction")
    F = "F", _("Wholesale and retail trade")
    G = "G", _("Transport, storage and postal services")
    H = "H", _("Accommodation and catering")
    I = "I", _("Information transmission, software and IT services")  # noqa: E741
    J = "J", _("Finance")
    K = "K", _("Real estate")
    L = "L", _("Leasing and business services")
    M = "M", _("Scientific research and technical services")
    N = "N", _("Water conservancy, environment and public facilities management")
    O = "O", _("Resident services, repair and other services")  # noqa: E741
    P = "P", _("Education")
    Q = "Q", _("Health and social work")
    R = "R", _("Culture, sports and entertainment")
    S = "S", _("Public administration, social security and social organisations")
    T = "T", _("International organisations")


class Ownership(models.TextChoices):
    STATE = "state", _("State-owned")
    COLLECTIVE = "collective", _("Collectively owned")
    PRIVATE = "private", pgettext_lazy("ownership", "Private")
    JOINT_STOCK = "joint_stock", _("Limited liability or joint-stock")
    HMT = "hmt", _("Hong Kong, Macao or Taiwan invested")
    FOREIGN = "foreign", _("Foreign invested")
    OTHER = "other", _("Other")


class Enterprise(models.Model):
    """An employer in the federation's ledger (台账), identified by its credit code."""

    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    name = models.CharField(_("name"), max_length=200)
    industry = models.CharField(_("industry (GB/T 4754)"), max_length=1, choices=Industry.choices)
    region_code = models.CharField(
        _("region code (GB/T 2260)"), max_length=6, validators=[validate_region_code]
    )
    ownership = models.CharField(_("ownership"), max_length=20, choices=Ownership.choices)
    employees = models.PositiveIntegerField(_("employees"), validators=[MinValueValidator(0)])
    union_established = models.BooleanField(_("union established"), default=False)
    union_members = models.PositiveIntegerField(_("union members"), default=0)
    # Three states: the ledger knows there is one, knows there is none, or does not know (the
    # award veto then looks for a congress vote in the bargaining rounds; R39).
    workers_congress = models.BooleanField(
        _("workers' congress (职代会)"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Whether the enterprise has a workers' congress; empty when not known."),
    )
    workers_congress_last_held = models.DateField(
        _("workers' congress last held on"),
        null=True,
        blank=True,
        help_text=_("The last session of the workers' congress, if known."),
    )
    # 规模以上企业 as the statistics bureau counts it; the ledger often does not know (None).
    above_designated_size = models.BooleanField(
        _("above designated size (规上)"),
        null=True,
        blank=True,
        default=None,
        help_text=_(
            "Whether the statistics bureau counts the enterprise as above designated size "
            "(规模以上); empty when not known."
        ),
    )
    fortune500_investor = models.BooleanField(_("Fortune Global 500 investor"), default=False)
    head_npc_deputy = models.BooleanField(_("head is a people's congress deputy"), default=False)
    head_cppcc_member = models.BooleanField(_("head is a CPPCC member"), default=False)
    head_model_worker = models.BooleanField(_("head is a model worker"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        # The statistics pages (own figures and the roll-up of the federations beneath) count
        # the ledger. Not named view_…: the read-only roles get every compliance "view_" and
        # must not get this one (tenants.roles).
        permissions = [("read_statistics", _("Can read the statistics and the roll-up"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(union_members__lte=models.F("employees")),
                name="enterprise_members_within_employees",
                violation_error_message=_("Union members cannot exceed the number of employees."),
            ),
            models.CheckConstraint(
                condition=models.Q(workers_congress_last_held__isnull=True)
                | models.Q(workers_congress=True),
                name="enterprise_congress_date_needs_congress",
                violation_error_message=CONGRESS_DATE_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_key(self) -> bool:
        """Key enterprise (重点要约企业): must bargain on its own (seed 000)."""
        return self.employees >= KEY_EMPLOYEE_THRESHOLD or any(
            (
                self.fortune500_investor,
                self.head_npc_deputy,
                self.head_cppcc_member,
                self.head_model_worker,
            )
        )
