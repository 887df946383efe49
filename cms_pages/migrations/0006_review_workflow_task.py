"""Give each federation's review workflow its approval task (issue 14).

`publishing_workflow_ensure` created the task but linked it through the workflow's unsaved
cluster, so the link was never written: an editor's "submit for review" found no task, tried to
publish as the editor and was refused. This links the administrators' approval task to every
workflow that guards a home page and has none.
"""

from django.db import migrations

TASK_NAME = "总工会管理员审核"
ADMIN_GROUP = "总工会管理员"


def link_task(apps, schema_editor):
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    guarded = WorkflowPage.objects.filter(page__content_type__model="homepage")
    for workflow_page in guarded.select_related("workflow"):
        workflow = workflow_page.workflow
        if WorkflowTask.objects.filter(workflow=workflow).exists():
            continue
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            content_type, _created = ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )
            task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=content_type)
        group = Group.objects.filter(name=ADMIN_GROUP).first()
        if group is not None:
            task.groups.add(group)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0005_english_content"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(link_task, migrations.RunPython.noop)]
