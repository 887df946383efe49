"""Distinctive, committed records of one federation for the route-by-route isolation test.

Every record a route can list, show, download, change or offer in a chooser is created here with
the federation's marker (an ASCII token inside Chinese text, so it is found in HTML, JSON with
escaped non-ASCII, CSV and the XML inside XLSX/DOCX alike). Before seeding, every sequence of the
schema is moved to a federation-specific range, so no seeded id of one federation exists in the
other: a foreign id asked for on the other host can only be answered by a leak, never by a
coincidence of ids.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from urllib.parse import quote

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from django.utils import timezone

from compliance.services.worker_surveys import (
    inspection_record,
    survey_codes_issue,
    survey_open,
)
from portal.demo import builders as demo
from tenants import context

TODAY = dt.date(2026, 11, 20)


@dataclass
class Seeded:
    """Ids (and a few other handles) of one federation's seeded records, by name."""

    schema: str
    host: str
    token: str  # ASCII, in every marker; searched for case-insensitively
    ids: dict = field(default_factory=dict)
    admin_id: int = 0

    @property
    def prefix(self) -> str:
        return f"{'甲' if self.schema.endswith('a') else '乙'}联合会专属"

    @property
    def marker(self) -> str:
        """In every seeded record's text; spaces make the token a word for full-text search."""
        return f"{self.prefix} {self.token} "

    def forms(self) -> tuple[str, ...]:
        """How a seeded record shows in an answer (lower case): its text, as is or escaped in
        JSON, its slugs in URLs and its file names. A search that echoes the bare token shows
        none of these."""
        core = self.marker.strip()
        token = self.token.lower()
        return (
            core.lower(),
            json.dumps(core)[1:-1].lower(),
            f"-{token}/",
            *(f"{token}.{ext}" for ext in ("pdf", "txt", "png")),
        )


def sequences_advance(schema: str, start: int) -> None:
    """Move every sequence of `schema` to at least `start` (setval is not transactional)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind = 'S' AND n.nspname = %s",
            [schema],
        )
        for (name,) in cursor.fetchall():
            qualified = f'"{schema}"."{name}"'
            current = f"SELECT last_value FROM {qualified}"  # noqa: S608 (catalogue names)
            cursor.execute(
                f"SELECT setval(%s::regclass, GREATEST(%s, ({current})))", [qualified, start]
            )


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _xlsx(text: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["行", "错误"])
    book.active.append([2, text])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def seed(seeded: Seeded, *, sequence_start: int) -> Seeded:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from taggit.models import Tag
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        GroupApprovalTask,
        PageViewRestriction,
        Site,
        UploadedFile,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    from cms_pages.models import ContractNotice, FederationContact
    from compliance.models import (
        AuditCheck,
        CalendarDay,
        Campaign,
        Clause,
        FilingSubmission,
        ImportJob,
        Instructor,
        ItemEvidence,
        LetterTemplate,
        ModelClause,
        PackageItem,
        RoundDocument,
        RuleParameter,
        SubmissionClause,
        ViolationRecord,
    )
    from compliance.models.imports import private_storage
    from compliance.services import bargaining, enterprise_accounts, monthly_meetings
    from compliance.services import supervision as sv
    from compliance.services.audits import audits_schedule
    from compliance.services.awards import Nominee, eligibility_check, notice_publish
    from compliance.services.contracts import contract_file, contract_report_record
    from compliance.services.corrections import correction_request
    from compliance.services.notifications import notification_send
    from compliance.services.quality import quality_evaluation_start
    from compliance.services.supervision.letters import letter_templates_ensure
    from tests.factories import awards as award_factories
    from tests.factories import compliance as f

    mark, ids = seeded.marker, seeded.ids
    with context.federation_context(seeded.schema):
        sequences_advance(seeded.schema, sequence_start)
        User = get_user_model()
        admin = User.objects.get(is_superuser=True)
        admin.first_name = f"{mark}管理员"
        admin.save()
        seeded.admin_id = admin.pk
        user = User.objects.create_user(
            username=f"clerk-{seeded.token.lower()}@example.test",
            email=f"clerk-{seeded.token.lower()}@example.test",
            first_name=f"{mark}科员",
            password="Not-Used-2026!",
        )
        ids["user"] = user.pk
        group = Group.objects.create(name=f"{mark}工作组")
        ids["group"] = group.pk
        user.groups.add(group)

        # --- the back office -----------------------------------------------------------------
        enterprise = demo.enterprise(name=f"{mark}机械有限公司", employees=300)
        ids["enterprise"] = enterprise.pk
        ids["enterprise_code"] = enterprise.credit_code
        # The enterprise's side (issue 17): a union officer who asked for a correction, and a
        # pending invitation of the employer's contact.
        _used, used_token = enterprise_accounts.invitation_create(
            enterprise_id=enterprise.pk,
            side="union",
            email=f"officer-{seeded.token.lower()}@example.test",
            user=admin,
            accept_url=str,
        )
        officer = enterprise_accounts.invitation_accept(
            token=used_token, family_name=mark, given_name="工会主席", password="Not-Used-2026!"
        ).user
        ids["enterprise_user"] = officer.pk
        ids["correction"] = correction_request(
            user=officer, changes={"employees": 301}, note=f"{mark}更正说明"
        ).pk
        notification_send(users=[officer], text=f"{mark}通知", link="/enterprise/")
        notification_send(users=[admin], text=f"{mark}职员通知", link="/admin/")
        pending, ids["invitation_token"] = enterprise_accounts.invitation_create(
            enterprise_id=enterprise.pk,
            side="employer",
            email=f"contact-{seeded.token.lower()}@example.test",
            user=admin,
            accept_url=str,
        )
        ids["invitation"] = pending.pk
        # The labour administration's review (issue 17 item 6): a department with a reviewer
        # and a pending invitation, a round submitted to it with a document and a request for
        # missing materials.
        from compliance.models import Department
        from compliance.services import department_review

        department = Department(name=f"{mark}人力资源和社会保障局")
        department.save()
        ids["department"] = department.pk
        _used, used_token = department_review.reviewer_invitation_create(
            department_id=department.pk,
            email=f"reviewer-{seeded.token.lower()}@example.test",
            user=admin,
            accept_url=str,
        )
        ids["reviewer_user"] = department_review.reviewer_invitation_accept(
            token=used_token, family_name=mark, given_name="审查员", password="Not-Used-2026!"
        ).user.pk
        pending_reviewer, ids["reviewer_invitation_token"] = (
            department_review.reviewer_invitation_create(
                department_id=department.pk,
                email=f"reviewer2-{seeded.token.lower()}@example.test",
                user=admin,
                accept_url=str,
            )
        )
        ids["reviewer_invitation"] = pending_reviewer.pk
        reviewed = f.round_at("federation_approved", user=admin)
        department_review.submission_create(
            round_id=reviewed.pk,
            department_id=department.pk,
            submitted_on=dt.date(2026, 4, 15),
            user=admin,
        )
        ids["review_round"] = reviewed.pk
        reviewed_document = RoundDocument(round=reviewed, kind="contract_text")
        reviewed_document.file.save(
            f"review-{seeded.token}.pdf", ContentFile(b"%PDF-1.4 " + mark.encode()), save=False
        )
        reviewed_document.save()
        ids["review_round_document"] = reviewed_document.pk
        ids["materials_request"] = department_review.review_request_materials(
            round_id=reviewed.pk,
            requested_on=dt.date(2026, 4, 16),
            items=f"{mark}职代会决议",
        ).pk
        instructor = Instructor.objects.create(name=f"{mark}指导员", organisation=mark)
        ids["instructor"] = instructor.pk
        campaign = Campaign.objects.create(
            name=f"{mark}要约行动月", starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 3, 31)
        )
        ids["campaign"] = campaign.pk
        refused = f.offered_round(
            ent=demo.enterprise(name=f"{mark}拒绝协商有限公司"), campaign=campaign
        )
        bargaining.round_reply(round_id=refused.pk, accepted=False, reply_date=dt.date(2026, 3, 5))
        ids["refused_round"] = refused.pk
        round_ = f.offered_round(ent=enterprise, instructor=instructor)
        ids["round"] = round_.pk
        # Instructors' work, training and experts (issue 18 items 6 and 7).
        from compliance.models import (
            Certificate,
            Consultation,
            EnterpriseAssignment,
            Expert,
            InstructorAssessment,
            InstructorTraining,
            InstructorVisit,
            NegotiatorTraining,
            TrainingAttendee,
        )

        ids["instructor_visit"] = InstructorVisit.objects.create(
            instructor=instructor,
            enterprise=enterprise,
            visited_on=dt.date(2026, 3, 3),
            topic=f"{mark}走访",
            outcome=f"{mark}结果",
        ).pk
        ids["instructor_training"] = InstructorTraining.objects.create(
            instructor=instructor,
            held_on=dt.date(2026, 3, 4),
            topic=f"{mark}授课",
            audience=mark,
            attendees=20,
        ).pk
        ids["instructor_assessment"] = InstructorAssessment.objects.create(
            instructor=instructor,
            year=2025,
            grade="competent",
            comment=f"{mark}评语",
            assessed_on=dt.date(2026, 1, 10),
        ).pk
        ids["assignment"] = EnterpriseAssignment.objects.create(
            enterprise=enterprise, instructor=instructor, assigned_on=dt.date(2026, 3, 1)
        ).pk
        session = NegotiatorTraining.objects.create(
            held_on=dt.date(2026, 2, 1), topic=f"{mark}培训班", organiser=mark, hours=8
        )
        ids["negotiator_training"] = session.pk
        attendee = TrainingAttendee.objects.create(
            training=session, name=f"{mark}学员", enterprise=enterprise
        )
        ids["training_attendee"] = attendee.pk
        ids["certificate"] = Certificate.objects.create(
            attendee=attendee,
            number=f"{seeded.token}-0001",
            issued_on=dt.date(2026, 2, 10),
            expires_on=dt.date(2029, 2, 9),
        ).pk
        expert = Expert.objects.create(name=f"{mark}专家", expertise=mark, organisation=mark)
        ids["expert"] = expert.pk
        ids["consultation"] = Consultation.objects.create(
            expert=expert,
            given_on=dt.date(2026, 3, 5),
            enterprise=enterprise,
            topic=f"{mark}咨询",
            advice=f"{mark}意见",
        ).pk
        document = RoundDocument(
            round=round_, kind=RoundDocument._meta.get_field("kind").choices[0][0]
        )
        document.file.save(
            f"{seeded.token}.pdf", ContentFile(b"%PDF-1.4 " + mark.encode()), save=False
        )
        document.save()
        ids["round_document"] = document.pk
        # The monthly meeting (issue 18 item 4): this month's, so the progress report shows it.
        meeting = monthly_meetings.meeting_create(
            held_on=timezone.localdate(),
            place=f"{mark}会议室",
            chair=f"{mark}主席",
            minutes=f"{mark}月例会纪要",
            minutes_file=ContentFile(
                b"%PDF-1.4 " + mark.encode(), name=f"{seeded.token}-minutes.pdf"
            ),
            enterprises=[(enterprise, f"{mark}重点企业")],
        )
        ids["monthly_meeting"] = meeting.pk
        monthly_meetings.invitation_record(
            invitation_id=meeting.invitations.get().pk,
            attendance="absent",
            outcome="guided",
            note=f"{mark}再次要约",
        )
        # Pre-review (issue 17 item 4): version 1 returned with a comment, version 2 a draft.
        returned = FilingSubmission.objects.create(round=round_, version=1, state="returned")
        SubmissionClause.objects.create(
            submission=returned, order=1, topic="wages", text=f"{mark}工资条款", comment="请修改"
        )
        package_file = PackageItem(
            submission=returned, item="contract_text", original_name="text.pdf"
        )
        package_file.file.save(
            f"{seeded.token}-text.pdf", ContentFile(b"%PDF-1.4 " + mark.encode()), save=False
        )
        package_file.save()
        ids["prereview"] = returned.pk
        ids["prereview_file"] = package_file.pk
        draft = FilingSubmission.objects.create(round=round_, version=2)
        SubmissionClause.objects.create(
            submission=draft, order=1, topic="wages", text=f"{mark}工资条款修改稿"
        )
        ids["prereview_draft"] = draft.pk
        disputed = f.offered_round(ent=demo.enterprise(name=f"{mark}协商争议有限公司"))
        bargaining.round_reply(round_id=disputed.pk, accepted=True, reply_date=dt.date(2026, 3, 5))
        ids["dispute"] = bargaining.round_record_dispute(
            round_id=disputed.pk,
            applicant="union",
            subject=f"{mark}工资增幅分歧",
            applied_on=dt.date(2026, 3, 9),
            accepted_on=dt.date(2026, 3, 10),
        ).pk

        contract = demo.published_contract(
            enterprise=demo.enterprise(name=f"{mark}公示企业有限公司"),
            title=f"{mark}集体合同",
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2027, 12, 31),
            as_of=TODAY,
            clauses=(("wages", f"{mark}职工月最低工资不低于2100元。"),),
        )
        ids["contract"] = contract.pk
        # Filed, with its receipt's pair, as the public check is asked.
        contract = contract_file(contract_id=contract.pk, filed_on=TODAY)
        ids["filing_number_q"] = quote(contract.filing_number)
        ids["verification_code"] = contract.verification_code
        ids["clause"] = Clause.objects.filter(contract=contract).first().pk
        ids["model_clause"] = ModelClause.objects.create(
            kind="comprehensive", order=1, topic="wages", text=f"{mark}职工月最低工资不低于2100元。"
        ).pk
        notice = ContractNotice.objects.get(contract=contract)
        ids["notice_public_id"] = str(notice.public_id)
        # A second notice, for the compare page (issue 19), and the key-terms snapshot of both.
        second = demo.published_contract(
            enterprise=demo.enterprise(name=f"{mark}对比企业有限公司"),
            title=f"{mark}对比集体合同",
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2027, 12, 31),
            as_of=TODAY,
            clauses=(("wages", f"{mark}职工月最低工资不低于2200元。"),),
        )
        ids["notice_public_id_2"] = str(ContractNotice.objects.get(contract=second).public_id)
        from cms_pages.services.key_terms import key_terms_snapshot_make

        ids["snapshot_date"] = key_terms_snapshot_make(today=TODAY).made_on.isoformat()

        audits_schedule(today=TODAY)
        ids["audit_check"] = AuditCheck.objects.filter(contract=contract).first().pk
        evaluation = quality_evaluation_start(
            contract_id=contract.pk,
            evaluated_on=TODAY,
            evaluator=f"{mark}评估组",
            methods=["files"],
            user=None,
        )
        ids["quality_evaluation"] = evaluation.pk
        ids["quality_item"] = evaluation.items.get(item="kept").pk

        award = award_factories.award("no_union", name=f"{mark}五一劳动奖状")
        ids["award"] = award.pk
        nominee = award_factories.enterprise_with_contract(name=f"{mark}候选企业有限公司")
        run = eligibility_check(
            award_id=award.pk, nominees=[Nominee(nominee.credit_code, row=2)], as_of=TODAY
        )
        ids["eligibility_run"] = run.pk
        award_notice = notice_publish(
            run_id=run.pk,
            data={
                "title": f"{mark}拟推荐对象公示",
                "starts_on": dt.date(2026, 11, 23),
                "ends_on": dt.date(2026, 11, 27),
                "contact": f"{mark}评审委员会办公室",
            },
            today=TODAY,
        )
        ids["award_notice"] = award_notice.pk
        violation = ViolationRecord.objects.create(
            enterprise=enterprise,
            kind="wage_arrears",
            occurred_on=dt.date(2026, 1, 5),
            description=f"{mark}拖欠工资",
        )
        ids["violation"] = violation.pk
        # Issue 18: a survey row and an intent; the surveyed enterprise stands at "surveyed" of
        # the 2026 funnel (no round), so the stuck list of that stage names it.
        from compliance.services.pipeline import intent_save, survey_save

        surveyed = demo.enterprise(name=f"{mark}摸底企业有限公司", employees=150)
        ids["survey"] = survey_save(
            survey=None,
            data={
                "enterprise": surveyed,
                "year": 2026,
                "category": "unwilling",
                "reasons": ["cost"],
                "notes": f"{mark}担心增加用工成本",
                "surveyed_on": TODAY,
                "surveyed_by": f"{mark}调查员",
            },
            reason="seed",
        ).pk
        ids["intent"] = intent_save(
            intent=None,
            data={
                "enterprise": enterprise,
                "year": 2027,
                "planned_month": 1,
                "notes": f"{mark}协商预报",
                "recorded_on": TODAY,
            },
            reason="seed",
        ).pk

        case = sv.case_open(
            title=f"{mark}未签订集体合同",
            source="inspection",
            opened_on=dt.date(2026, 3, 2),
            enterprise=enterprise,
        )
        ids["case"] = case.pk
        letter, token = sv.letter_issue(
            case_id=case.pk,
            kind="reminder",
            issued_on=dt.date(2026, 3, 2),
            facts=f"经查，{mark}未开展集体协商。",
            legal_basis="《集体合同规定》第三十二条",
            actions=[f"{mark}发出要约", "召开职代会"],
        )
        ids["letter"], ids["letter_token"] = letter.pk, token
        # Issue 17 items 8, 9: the officer's enterprise has a contract in force, with a
        # performance report it submitted (report and congress minutes, private files).
        own_contract = demo.registered_contract(
            enterprise=enterprise,
            title=f"{mark}机械集体合同",
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2027, 12, 31),
            as_of=TODAY,
        )
        ids["own_contract"] = own_contract.pk
        # Issue 18 item 8: a workers' survey of it, with codes, and an inspection.
        survey = survey_open(contract_id=own_contract.pk, mode="codes", user=officer, today=TODAY)
        survey_codes_issue(survey_id=survey.pk, count=3, user=officer)
        ids["own_survey"], ids["survey_token"] = survey.pk, survey.token
        inspection_record(
            contract_id=own_contract.pk,
            data={
                "inspected_on": TODAY,
                "representatives": f"{mark}职工代表",
                "subject": "工资支付",
                "findings": f"{mark}按时足额发放。",
            },
            user=None,
            today=TODAY,
        )
        ids["performance_report"] = contract_report_record(
            contract_id=own_contract.pk,
            year=2025,
            reported_on=dt.date(2026, 1, 20),
            user=officer,
            document=ContentFile(b"%PDF-1.4 " + mark.encode(), name="report.pdf"),
            minutes=ContentFile(b"%PDF-1.4 " + mark.encode(), name="minutes.pdf"),
            from_enterprise=True,
        ).pk
        item = letter.items.first()
        ids["item"] = item.pk
        evidence = ItemEvidence(item=item, original_name=f"{mark}证明.pdf")
        evidence.file.save("evidence.pdf", ContentFile(b"%PDF-1.4 " + mark.encode()), save=False)
        evidence.save()
        ids["evidence"] = evidence.pk
        letter_templates_ensure()
        template = LetterTemplate.objects.get(kind="reminder")
        values = {
            f.name: getattr(template, f.name)
            for f in LetterTemplate._meta.concrete_fields
            if not f.primary_key
        }
        template.delete()  # recreated with an id in this federation's range
        ids["letter_template"] = LetterTemplate.objects.create(
            **{**values, "title": f"{mark}提示函"}
        ).pk

        parameter = RuleParameter.objects.order_by("pk").first()
        values = {
            name: getattr(parameter, name) for name in ("key", "value", "unit", "rule", "preset")
        }
        parameter.delete()  # recreated with an id in this federation's range
        ids["rule_parameter"] = RuleParameter.objects.create(**values, source=f"{mark}地方规定").pk
        ids["calendar_day"] = CalendarDay.objects.create(
            date=dt.date(2026, 12, 28), kind="holiday", name=f"{mark}假日"
        ).pk

        job = ImportJob.objects.create(
            kind="enterprises",
            status="failed",
            file_name=f"{mark}台账.xlsx",
            message=mark,
            user=admin,
        )
        job.file.save("ledger.xlsx", ContentFile(_xlsx(mark)), save=False)
        job.error_file.save("errors.xlsx", ContentFile(_xlsx(mark)), save=False)
        job.save()
        ids["import_job"] = job.pk
        ids["private_root"] = private_storage().path("")

        # --- Wagtail: collections, documents, images, tags, pages, workflows, sites ----------
        root = Collection.get_first_root_node()
        collection = root.add_child(name=f"{mark}文件夹")
        ids["collection"] = collection.pk
        restriction = CollectionViewRestriction.objects.create(
            collection=collection,
            restriction_type=CollectionViewRestriction.PASSWORD,
            password="secret-2026",
        )
        ids["collection_restriction"] = restriction.pk
        Document = get_document_model()
        doc = Document(title=f"{mark}合同范本")  # the root collection: not restricted
        doc.file.save(f"{seeded.token}.txt", ContentFile(mark.encode()), save=False)
        doc.save()
        doc.tags.add(f"{mark}标签")
        ids["document"] = doc.pk
        ids["document_file"] = doc.filename
        Image = get_image_model()
        image = Image(title=f"{mark}照片")
        image.file.save(
            f"{seeded.token}.png", ImageFile(io.BytesIO(_png()), name="p.png"), save=False
        )
        image.save()
        ids["image"] = image.pk
        ids["image_path"] = image.file.name
        ids["document_path"] = doc.file.name
        ids["tag"] = Tag.objects.get(name=f"{mark}标签").pk
        from cms_pages.models import CaseTopic

        ids["case_topic"] = CaseTopic.objects.create(
            tag_id=ids["tag"], name_en=f"{seeded.token} topic"
        ).pk
        from django.contrib.contenttypes.models import ContentType

        for key, model, content in (
            ("uploaded_document", Document, mark.encode()),
            ("uploaded_image", Image, _png()),
        ):
            upload = UploadedFile(
                for_content_type=ContentType.objects.get_for_model(model),
                uploaded_by_user=admin,
            )
            upload.file.save(f"{seeded.token}-upload", ContentFile(content), save=False)
            upload.save()
            ids[key] = upload.pk

        case_page = demo.case_study(
            title=f"{mark}工资协商典型案例",
            slug=f"case-{seeded.token.lower()}",
            date=dt.date(2026, 3, 1),
            summary=f"{mark}案例摘要",
            industry="C",
            featured=True,
            paragraphs=[f"{mark}协商经过。"],
            user=admin,
            log_action=True,
        )
        first = case_page.latest_revision
        case_page.title = f"{mark}工资协商典型案例（修订）"
        second = case_page.save_revision(user=admin, log_action=True)
        ids["page"] = case_page.pk
        ids["page_url"] = case_page.get_url_parts()[2]
        alias = case_page.create_alias(update_slug=f"alias-{seeded.token.lower()}")
        ids["alias_page"] = alias.pk
        ids["revision_a"], ids["revision_b"] = first.pk, second.pk
        secret = demo.legal_page(
            title=f"{mark}内部法规",
            summary=mark,
            body=[("paragraph", f"<p>{mark}</p>")],
            slug=f"secret-{seeded.token.lower()}",
            user=admin,
        )
        ids["private_page"] = secret.pk
        ids["secret_url"] = secret.get_url_parts()[2]
        ids["page_restriction"] = PageViewRestriction.objects.create(
            page=secret, restriction_type=PageViewRestriction.PASSWORD, password="secret-2026"
        ).pk
        locked = demo.legal_page(
            title=f"{mark}锁定页面",
            summary=mark,
            body=[("paragraph", f"<p>{mark}</p>")],
            slug=f"locked-{seeded.token.lower()}",
            user=admin,
        )
        locked.locked, locked.locked_by, locked.locked_at = True, admin, timezone.now()
        locked.save()
        ids["locked_page"] = locked.pk

        task = GroupApprovalTask.objects.create(name=f"{mark}审核任务")
        # Reviewers nobody belongs to: a submitter who may approve is approved at once.
        task.groups.add(Group.objects.create(name=f"{mark}审核组"))
        ids["task"] = task.pk
        workflow = Workflow.objects.create(name=f"{mark}审核流程")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        ids["workflow"] = workflow.pk
        moderated = demo.legal_page(
            title=f"{mark}待审页面",
            summary=mark,
            body=[("paragraph", f"<p>{mark}</p>")],
            slug=f"review-{seeded.token.lower()}",
            user=admin,
            publish=False,
        )
        state = workflow.start(moderated, user)
        ids["moderated_page"] = moderated.pk
        ids["workflow_state"] = state.pk
        state.refresh_from_db()
        assert state.status == "in_progress", state.status
        ids["task_state"] = state.task_states.get().pk
        WorkflowPage.objects.create(workflow=workflow, page=case_page)
        ids["workflow_page"] = case_page.pk

        site = Site.objects.get(is_default_site=True)
        site.site_name = f"{mark}站点"
        site.save()
        extra = Site.objects.create(
            hostname=f"extra-{seeded.token.lower()}.invalid",
            port=80,
            root_page=site.root_page,
            site_name=f"{mark}备用站点",
        )
        ids["site"] = extra.pk
        FederationContact.objects.update_or_create(site=extra, defaults={"address": f"{mark}地址"})
        contact, _ = FederationContact.objects.get_or_create(site=site)
        contact.address = f"{mark}办公地址"
        contact.save()

        from wagtail.admin.models import EditingSession

        ids["editing_session"] = EditingSession.objects.create(
            user=admin,
            content_type=ContentType.objects.get_for_model(case_page.specific_class),
            object_id=str(case_page.pk),
            last_seen_at=timezone.now(),
        ).pk

        # Targets live in the shared schema; the reason and the name of who set them show only
        # on the federation's own targets page.
        from compliance.services.targets import targets_set
        from tenants.models import Federation

        federation = Federation.objects.get(schema_name=seeded.schema)
        scopes = ("own", "beneath") if federation.children.exists() else ("own",)
        targets_set(
            federation=federation,
            year=timezone.localdate().year,
            values={("coverage", scope): 85 for scope in scopes},
            reason=f"{mark}年度目标",
            changed_by=f"{mark}管理员",
        )

        # Issue 19 item 1: a reader's notice alert whose saved search holds the marker, and its
        # signed links (confirmation, one-click unsubscribe, the address's list of alerts).
        from cms_pages.models import NoticeAlert
        from cms_pages.services import alerts as notice_alerts

        alert = notice_alerts.alert_subscribe(
            email=f"reader-{seeded.token.lower()}@example.com",
            params={"q": mark.strip()},
            frequency=NoticeAlert.Frequency.IMMEDIATE,
            base_url="http://seed.test",
        )
        ids["alert_confirm_token"] = notice_alerts.confirm_token(alert)
        ids["alert_unsubscribe_token"] = notice_alerts.unsubscribe_token(alert)
        ids["alert_manage_token"] = notice_alerts.manage_token(alert.recipient)

        # The statistics pages: the federation's figures in the network channel, and a marked
        # federation beneath it (a row in the shared schema, no schema of its own) whose name
        # the roll-up lists.
        from compliance.services.network import network_publish

        network_publish(days=[timezone.localdate()])
        # The wage highlights (issue 19 item 4): this year's first quarter, generated; the
        # seeded contract is comprehensive, so the figures are empty but stored.
        from compliance.services.wages import wage_highlights_generate

        wage_highlights_generate(year=timezone.localdate().year, quarter=1, by=f"{mark}管理员")
    with context.public():
        ids["upward_report"] = _upward_report(seeded)
    ids["network_child"] = _network_child(seeded).pk
    return seeded


def seed_referral(child: Seeded, parent: Seeded) -> None:
    """The child refers a case to the parent, which issues a recommendation on its copy and
    records the department's result (issue 16, item 6).

    The referred case's text carries neither federation's marker on purpose: the copy the parent
    receives, and the outcome the child reads, are the one record meant to cross (DOMAIN.md §7),
    so a marker in them would be found by the listings' checks. The routes' checks still prove
    that nothing else crosses; `test_a_referral_crosses_only_as_designed` checks the crossing."""
    from django.core.files.base import ContentFile

    from compliance.models import ItemEvidence, Letter, SupervisionCase
    from compliance.services import supervision as sv
    from portal.demo import builders as demo

    with context.federation_context(child.schema):
        enterprise = demo.enterprise(name="报请测试拖欠工资有限公司", employees=120)
        case = sv.case_open(
            title="报请上级工会的拖欠工资案件",
            source="complaint",
            opened_on=dt.date(2026, 4, 1),
            enterprise=enterprise,
        )
        letter, _token = sv.letter_issue(
            case_id=case.pk,
            kind="opinion",
            issued_on=dt.date(2026, 4, 1),
            facts="经查，该企业拖欠工资。",
            legal_basis="《劳动法》第五十条",
            actions=["补发拖欠工资"],
            signer="张主席",
            signer_title="主席",
        )
        evidence = ItemEvidence(item=letter.items.get(), original_name="工资台账.pdf")
        evidence.file.save("ledger.pdf", ContentFile(b"%PDF-1.4 referral"), save=False)
        evidence.save()
        referral = sv.case_refer(case=case, reason="请上级工会向劳动保障监察部门发出建议书。")
        child.ids["referred_case"] = case.pk
    with context.federation_context(parent.schema):
        copy = SupervisionCase.objects.get(pk=referral.parent_case_id)
        parent.ids["received_case"] = copy.pk
        parent.ids["received_letter"] = Letter.objects.get(case=copy).pk
        parent.ids["received_evidence"] = ItemEvidence.objects.get(item__case=copy).pk
        recommendation, _token = sv.letter_issue(
            case_id=copy.pk,
            kind="recommendation",
            issued_on=dt.date(2026, 5, 6),
            facts="该企业逾期未答复意见书。",
            legal_basis="《工会法》第二十二条",
            actions=["依法查处拖欠工资行为"],
            trigger="no_reply",
            department="报请测试劳动保障监察支队",
        )
        sv.letter_record_department_result(
            letter_id=recommendation.pk,
            case_opened_on=dt.date(2026, 5, 9),
            result="已立案，责令限期补发工资。",
        )
        parent.ids["recommendation_number"] = recommendation.number


def _upward_report(seeded: Seeded) -> int:
    """A draft upward report in the shared schema whose note carries the marker: its federation
    reads it; even the parent does not, until it is submitted."""
    from tenants.models import Federation, ReportLine, UpwardReport

    federation = Federation.objects.get(schema_name=seeded.schema)
    report = UpwardReport.objects.create(
        federation=federation,
        kind="monthly",
        period_end=dt.date(2026, 10, 31),
        due_on=dt.date(2026, 11, 10),
    )
    ReportLine.objects.create(
        report=report, position=0, key="enterprises", note=f"{seeded.marker}上报说明"
    )
    return report.pk


def network_child_schema(seeded: Seeded) -> str:
    return f"x_{seeded.token.lower()}"


def _network_child(seeded: Seeded):
    from tenants.models import Federation, NetworkFigure

    with context.public():
        parent = Federation.objects.get(schema_name=seeded.schema)
        child = Federation.objects.bulk_create(
            [
                Federation(
                    schema_name=network_child_schema(seeded),
                    name=f"{seeded.marker}街道工会",
                    short_name="街",
                    level="zone",
                    region_code=parent.region_code,
                    parent=parent,
                )
            ]
        )[0]
        NetworkFigure.objects.create(
            federation=child,
            day=timezone.localdate(),
            dimension="all",
            segment="",
            published_at=timezone.now(),
            unionised=7,
            unionised_covered=3,
        )
    return child
