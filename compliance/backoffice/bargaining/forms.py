"""The bargaining procedure's forms: the offer, each step of a round, a campaign's launch. They
collect and type-check input; every rule lives in services."""

from __future__ import annotations

import json

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from compliance.backoffice.common import (
    DateInput,
    RenewedContractField,
    date_field,
    region_with_code,
)
from compliance.models import (
    BargainingRound,
    Department,
    Dispute,
    Enterprise,
    Instructor,
    LeftReason,
    Representative,
    Review,
    RoundDocument,
)
from compliance.selectors.contracts import renewal_candidates, renewal_proposed
from compliance.selectors.instructors import (
    area_proposals,
    direct_assignments,
    instructors_for_region,
    proposable_instructors,
    proposal_for_enterprise,
)


class ReplyForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("reply"),
        choices=[("1", _("Accepted (应约)")), ("0", _("Refused"))],
        coerce=lambda v: v == "1",
    )
    reply_date = date_field(_("reply date"), initial=timezone.localdate)


# The words a clerk may type for each side and for yes/no, in either language; the first of each
# is what the form writes back when it shows the current representatives.
SIDE_WORDS = {
    "employee": (
        pgettext_lazy("representatives", "employee"),
        "employee",
        "职工方",
        "职工",
        "员工方",
    ),
    "employer": (
        pgettext_lazy("representatives", "employer"),
        "employer",
        "企业方",
        "企业",
        "用人单位方",
        "用人单位",
    ),
}
YES_NO_WORDS = {
    True: (pgettext_lazy("representatives", "yes"), "yes", "y", "true", "1", "是", "对"),
    False: (pgettext_lazy("representatives", "no"), "no", "n", "false", "0", "否", "不是"),
}


def _meaning(words: dict, typed: str):
    typed = typed.strip().lower()
    for meaning, spellings in words.items():
        if typed in {str(word).lower() for word in spellings}:
            return meaning
    return None


class RepresentativesForm(forms.Form):
    rows = forms.CharField(
        label=_("representatives"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "One representative per line, five items separated by commas: side (employee or "
            "employer), name, staff or ID number, chief representative (yes or no), outside expert "
            "(yes or no). Example: employee, 王立新, E001, yes, no"
        ),
    )

    chosen_on = date_field(
        _("chosen on"),
        initial=timezone.localdate,
        help_text=_("The period for publishing them to the employees starts on this day."),
    )
    employee_approvals = forms.IntegerField(
        label=_("employees approving the employee representatives"),
        required=False,
        min_value=0,
        help_text=_("Only where the enterprise has no union."),
    )

    def clean_rows(self):
        parsed = []
        for number, line in enumerate(self.cleaned_data["rows"].splitlines(), start=1):
            if not line.strip():
                continue
            cells = [c.strip() for c in line.replace("，", ",").replace("、", ",").split(",")]
            if len(cells) != 5:
                raise forms.ValidationError(
                    _(
                        "Line %(n)s has %(count)s items; five are needed, separated by commas: "
                        "side, name, staff or ID number, chief, outside expert."
                    )
                    % {"n": number, "count": len(cells)}
                )
            side = _meaning(SIDE_WORDS, cells[0])
            if side is None:
                raise forms.ValidationError(
                    _("Line %(n)s: the side is “%(side)s”; write %(employee)s or %(employer)s.")
                    % {
                        "n": number,
                        "side": cells[0],
                        "employee": SIDE_WORDS["employee"][0],
                        "employer": SIDE_WORDS["employer"][0],
                    }
                )
            flags = [_meaning(YES_NO_WORDS, cell) for cell in cells[3:]]
            if None in flags:
                raise forms.ValidationError(
                    _(
                        "Line %(n)s: whether the person is chief representative and outside "
                        "expert is %(yes)s or %(no)s."
                    )
                    % {"n": number, "yes": YES_NO_WORDS[True][0], "no": YES_NO_WORDS[False][0]}
                )
            parsed.append(
                {
                    "side": side,
                    "name": cells[1],
                    "identity": cells[2],
                    "is_chief": flags[0],
                    "is_outsider": flags[1],
                }
            )
        return parsed


class MeetingForm(forms.Form):
    held_on = date_field(_("held on"), initial=timezone.localdate)
    place = forms.CharField(label=_("place"), required=False)
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea, required=False)
    minutes_signed_by_all = forms.BooleanField(
        label=_("minutes signed by all present"), required=False
    )
    suspended_until = date_field(
        _("bargaining suspended until"),
        required=False,
        help_text=_("Only when the two sides agreed at this meeting to suspend bargaining (中止)."),
    )


class VoteForm(forms.Form):
    held_on = date_field(_("held on"), initial=timezone.localdate)
    total = forms.IntegerField(label=_("representatives in total"), min_value=1)
    present = forms.IntegerField(label=_("present"), min_value=0)
    in_favour = forms.IntegerField(label=_("in favour"), min_value=0)


class SignForm(forms.Form):
    signed_on = date_field(_("signed on"), initial=timezone.localdate)
    title = forms.CharField(label=_("contract title"), max_length=200)
    starts_on = date_field(_("term starts"))
    ends_on = date_field(_("term ends"))
    covered_employees = forms.IntegerField(label=_("employees covered"), min_value=0)
    wage_growth_pct = forms.DecimalField(label=_("wage growth (%)"), required=False, max_digits=5)
    minimum_wage = forms.DecimalField(label=_("minimum monthly wage (yuan)"), required=False)
    weekly_hours = forms.DecimalField(label=_("weekly working hours"), required=False)
    predecessor = RenewedContractField()

    def __init__(self, *args, round_: BargainingRound | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if round_ is None:
            del self.fields["predecessor"]
            return
        field = self.fields["predecessor"]
        field.queryset = renewal_candidates(enterprise_id=round_.enterprise_id)
        proposed = round_.renews or renewal_proposed(
            enterprise_id=round_.enterprise_id, kind=round_.kind
        )
        if proposed is not None and not self.is_bound:
            self.initial.setdefault("predecessor", proposed.pk)


class ReviewForm(forms.Form):
    approved = forms.TypedChoiceField(
        label=_("decision"),
        choices=[("1", pgettext_lazy("review", "Approve")), ("0", _("Return with comments"))],
        coerce=lambda v: v == "1",
    )
    comments = forms.CharField(
        label=pgettext_lazy("review", "comments"), widget=forms.Textarea, required=False
    )
    reviewed_on = date_field(_("reviewed on"), initial=timezone.localdate)


class SubmitForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("department"),
        queryset=Department.objects.filter(active=True),
        help_text=_(
            "The labour administration department reviewing the contract; its reviewers see it "
            "in the review area."
        ),
    )
    submitted_on = date_field(_("submitted on"), initial=timezone.localdate)
    received_on = date_field(
        _("received by the department on"),
        required=False,
        help_text=_(
            "Only for a receipt on paper; the department's reviewers record it online. Until "
            "then the review period counts from the submission day."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        departments = list(self.fields["department"].queryset[:2])
        if len(departments) == 1:
            self.fields["department"].initial = departments[0].pk
        if not departments:
            # A federation that has recorded no department yet submits on paper as before.
            del self.fields["department"]


class ObjectionForm(forms.Form):
    received_on = date_field(_("objection received on"), initial=timezone.localdate)
    points = forms.CharField(label=_("points of the objection"), widget=forms.Textarea)


class RegionSelect(forms.Select):
    """The enterprise chooser: each option carries the enterprise's region code, from which the
    instructor is proposed, and the instructor it is assigned to by name, who comes first."""

    assigned: dict[int, int] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        enterprise = getattr(value, "instance", None)
        if enterprise is not None:
            option["attrs"]["data-region"] = enterprise.region_code
            if enterprise.pk in self.assigned:
                option["attrs"]["data-assigned"] = self.assigned[enterprise.pk]
        return option


class ProposingSelect(forms.Select):
    """The instructor chooser of the offer. As the clerk chooses the enterprise, its script lists
    the instructors covering the enterprise's region first and chooses the only one, unless the
    clerk has chosen an instructor already (the proposals: selectors/instructors.py)."""

    class Media:
        js = ["compliance/instructor-proposal.js"]


class OfferForm(forms.ModelForm):
    """The create form of a round: the offer (要约), proposing the instructor of the enterprise's
    area."""

    class Meta:
        model = BargainingRound
        fields = [
            "enterprise",
            "kind",
            "scope",
            "covered_enterprises",
            "offered_by",
            "dual_offer",
            "on_behalf",
            "on_behalf_reason",
            "on_behalf_note",
            "on_behalf_by",
            "offer_date",
            "offer_received_date",
            "campaign",
            "instructor",
        ]
        widgets = {
            "enterprise": RegionSelect,
            "instructor": ProposingSelect,
            "offer_date": DateInput(),
            "offer_received_date": DateInput(),
        }

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer_received_date"].required = False
        self.fields["covered_enterprises"].queryset = Enterprise.objects.order_by("name")
        instructor = self.fields["instructor"]
        instructor.queryset = proposable_instructors()
        instructor.help_text = _(
            "Proposed from the enterprise: the instructor it is assigned to by name, else the "
            "active instructor who covers its region; where several do, they are listed first."
        )
        self.fields["enterprise"].widget.assigned = direct_assignments()
        proposals = {
            code: {"first": proposal.first, "proposed": proposal.proposed}
            for code, proposal in area_proposals().items()
        }
        instructor.widget.attrs.update(
            {"data-proposals": json.dumps(proposals), "data-proposal-from": "id_enterprise"}
        )
        if self.is_bound:
            instructor.widget.attrs["data-chosen"] = True  # sent back: the clerk's choice stays


class InstructorForm(forms.Form):
    """An administrator assigns or reassigns the round's instructor; for a round without one,
    the instructor covering the enterprise's region is proposed."""

    instructor = forms.ModelChoiceField(
        label=_("instructor"),
        queryset=Instructor.objects.none(),
        required=False,
        empty_label=_("None assigned"),
    )
    reason = forms.CharField(
        label=_("reason for the change"),
        max_length=200,
        help_text=_("Kept in the round's history."),
    )

    def __init__(self, *args, round_: BargainingRound, **kwargs):
        super().__init__(*args, **kwargs)
        region = round_.enterprise.region_code
        field = self.fields["instructor"]
        field.queryset = instructors_for_region(
            region_code=region, enterprise_id=round_.enterprise_id
        )
        proposal = proposal_for_enterprise(enterprise=round_.enterprise)
        self.initial.setdefault("instructor", round_.instructor_id or proposal.proposed)
        covering = [i.name for i in field.queryset if i.covers]
        values = {"region": region_with_code(region)}
        if covering:
            field.help_text = gettext(
                "Instructors covering %(region)s, the enterprise's region, are listed first: "
                "%(names)s."
            ) % {**values, "names": pgettext("enumeration", ", ").join(covering)}
        else:
            field.help_text = (
                gettext("No active instructor covers %(region)s, the enterprise's region.") % values
            )


class OnBehalfForm(forms.Form):
    """上代下: the federation made the offer, or runs the whole round, for the enterprise union."""

    needs_round = True
    on_behalf = forms.ChoiceField(
        label=_("federation acts for the enterprise union (上代下)"),
        choices=[
            ("", _("No: the enterprise union acts itself")),
            *BargainingRound.OnBehalf.choices,
        ],
        required=False,
    )
    on_behalf_reason = forms.ChoiceField(
        label=_("why the federation acts for it"),
        choices=[("", "—"), *BargainingRound.OnBehalfReason.choices],
        required=False,
    )
    on_behalf_note = forms.CharField(
        label=_("details of the reason"), max_length=200, required=False
    )
    on_behalf_by = forms.CharField(
        label=_("acting for the union"),
        max_length=100,
        required=False,
        help_text=_(
            "Who acted for the enterprise union: the person or department of the federation."
        ),
    )
    reason = forms.CharField(
        label=_("reason for the change"),
        max_length=100,
        help_text=_("Kept in the round's history."),
    )

    def __init__(self, *args, round_: BargainingRound, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("on_behalf", "on_behalf_reason", "on_behalf_note", "on_behalf_by"):
            self.initial.setdefault(name, getattr(round_, name))


class PublishRepresentativesForm(forms.Form):
    published_on = date_field(_("published to the employees on"), initial=timezone.localdate)


class VacancyForm(forms.Form):
    """A representative's seat falls vacant (R7)."""

    needs_round = True
    representative = forms.ModelChoiceField(
        label=_("representative"), queryset=Representative.objects.none()
    )
    left_on = date_field(_("seat vacant since"), initial=timezone.localdate)
    left_reason = forms.ChoiceField(label=_("why"), choices=LeftReason.choices)

    def __init__(self, *args, round_: BargainingRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representative"].queryset = round_.representatives.filter(left_on=None)


class FillVacancyForm(forms.Form):
    """The new representative in a vacant seat, on the same side (R7)."""

    needs_round = True
    vacancy = forms.ModelChoiceField(label=_("vacant seat"), queryset=Representative.objects.none())
    name = forms.CharField(label=_("name"), max_length=50)
    identity = forms.CharField(
        label=_("staff or ID number"),
        max_length=40,
        help_text=_("Used only to check that nobody sits on both sides; never published."),
    )
    joined_on = date_field(_("joined on"), initial=timezone.localdate)
    is_outsider = forms.BooleanField(label=_("outside expert"), required=False)

    def __init__(self, *args, round_: BargainingRound, **kwargs):
        super().__init__(*args, **kwargs)
        vacant = round_.representatives.filter(left_on__isnull=False, replaced_by__isnull=True)
        self.fields["vacancy"].queryset = vacant
        if len(vacant) == 1 and not self.is_bound:  # the usual case: the one seat to fill
            self.initial.setdefault("vacancy", vacant[0].pk)
        self.fields["vacancy"].label_from_instance = lambda rep: (
            _("%(name)s (%(side)s), vacant since %(day)s")
            % {"name": rep.name, "side": rep.get_side_display(), "day": rep.left_on}
        )


class DisputeForm(forms.Form):
    """A dispute the labour administration accepted for coordination (R33)."""

    applicant = forms.ChoiceField(label=_("applied by"), choices=Dispute.Applicant.choices)
    subject = forms.CharField(label=_("what the dispute is about"), widget=forms.Textarea)
    applied_on = date_field(_("applied on"), initial=timezone.localdate)
    accepted_on = date_field(_("accepted by the department on"), initial=timezone.localdate)


class DisputeExtendForm(forms.Form):
    reason = forms.CharField(label=_("reason for the extension"), max_length=200)


class DisputeConcludeForm(forms.Form):
    concluded_on = date_field(_("concluded on"), initial=timezone.localdate)
    outcome = forms.ChoiceField(label=_("outcome"), choices=Dispute.Outcome.choices)
    agreement_signed = forms.BooleanField(
        label=_("agreement signed by the coordinators and both chief representatives"),
        required=False,
    )
    notes = forms.CharField(label=_("notes"), widget=forms.Textarea, required=False)


ACTION_FORMS = {
    "reply": (ReplyForm, _("Record the reply")),
    "representatives": (RepresentativesForm, _("Set the representatives")),
    "meeting": (MeetingForm, _("Record a meeting")),
    "vote": (VoteForm, _("Record the workers' congress vote")),
    "sign": (SignForm, _("Record the signatures")),
    "instructor_review": (ReviewForm, _("Instructor preliminary review")),
    "federation_review": (ReviewForm, _("Federation review")),
    "submit": (SubmitForm, _("Submit to the labour administration")),
    "objection": (ObjectionForm, _("Record an objection")),
    "instructor": (InstructorForm, _("Assign the instructor")),
    "on_behalf": (OnBehalfForm, _("Federation acts for the union (上代下)")),
    "publish_representatives": (
        PublishRepresentativesForm,
        _("Record the publication of the representatives"),
    ),
    "vacancy": (VacancyForm, _("Record a vacant seat")),
    "fill": (FillVacancyForm, _("Fill a vacant seat")),
    "dispute": (DisputeForm, _("Record a dispute for coordination")),
}
DISPUTE_FORMS = {
    "extend": (DisputeExtendForm, _("Extend the coordination")),
    "conclude": (DisputeConcludeForm, _("Record the end of the coordination")),
}
REVIEW_STAGES = {
    "instructor_review": Review.Stage.INSTRUCTOR,
    "federation_review": Review.Stage.FEDERATION,
}


def representatives_initial(round_: BargainingRound) -> str:
    """The current representatives as the form takes them, in the user's language."""
    side = {key: words[0] for key, words in SIDE_WORDS.items()}
    yes = {key: words[0] for key, words in YES_NO_WORDS.items()}
    return "\n".join(
        f"{side[r.side]}, {r.name}, {r.identity}, {yes[r.is_chief]}, {yes[r.is_outsider]}"
        for r in round_.representatives.filter(left_on=None)
    )


class LaunchForm(forms.Form):
    """Send a campaign's offers to every candidate in one action."""

    offer_date = date_field(_("offer date"))
    kind = forms.ChoiceField(
        label=_("kind"), choices=BargainingRound._meta.get_field("kind").choices
    )
    dual_offer = forms.BooleanField(label=_("dual offer (双要约)"), required=False)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=RoundDocument.Kind.choices)
    file = forms.FileField(label=_("file"))
