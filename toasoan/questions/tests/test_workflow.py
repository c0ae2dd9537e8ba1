import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from toasoan.outbox.sending import send_due
from toasoan.questions import workflow
from toasoan.questions.admin_views import dashboard_figures
from toasoan.questions.models import Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(field):
    return Question.objects.create(
        field=field,
        asker_name="Nguyễn Thị Minh Thư",
        asker_email="thu@example.vn",
        received_title="Tăng vốn đầu tư",
        received_body="Công ty muốn tăng vốn, hồ sơ gồm những gì?",
        title="Tăng vốn đầu tư",
        body="Công ty muốn tăng vốn, hồ sơ gồm những gì?",
    )


def act(client, question, action, **data):
    return client.post(
        reverse("questions_admin:detail", args=[question.pk]), {"action": action, **data}
    )


def test_full_answer_path_through_approval(
    client, question, department, answerer, reviewer, leader
):
    edit = {"title": "Thủ tục tăng vốn đầu tư", "body": "Hồ sơ tăng vốn gồm gì?"}
    client.force_login(reviewer)
    act(client, question, "assign", department=department.pk)
    question.refresh_from_db()
    assert question.status == Question.Status.ASSIGNED and question.department == department

    client.force_login(answerer)
    act(client, question, "submit", **edit, answer="")  # an empty answer cannot be submitted
    question.refresh_from_db()
    assert question.status == Question.Status.ASSIGNED
    act(client, question, "submit", **edit, answer="Hồ sơ gồm văn bản đề nghị điều chỉnh.")
    question.refresh_from_db()
    assert question.status == Question.Status.REVIEW and question.drafted_by == answerer

    act(client, question, "approve", note="x")  # the answerer cannot approve
    question.refresh_from_db()
    assert question.status == Question.Status.REVIEW

    client.force_login(reviewer)
    act(client, question, "review", **edit, answer="Hồ sơ gồm văn bản đề nghị điều chỉnh dự án.")
    question.refresh_from_db()
    assert question.status == Question.Status.APPROVAL
    assert not client.get(question.get_absolute_url()).status_code == 200  # not public yet

    client.force_login(leader)
    response = act(client, question, "approve", **edit, answer=question.answer)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED and question.approved_by == leader
    # What was received is kept; the published wording is the edited one.
    assert question.received_title == "Tăng vốn đầu tư"
    assert question.title == "Thủ tục tăng vốn đầu tư"
    send_due()
    published = [m for m in mail.outbox if m.to == ["thu@example.vn"]]
    assert published and "đã có câu trả lời" in published[-1].subject
    assert "văn bản đề nghị điều chỉnh dự án" in published[-1].body
    client.logout()
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Thủ tục tăng vốn đầu tư" in html and "Phòng Quản lý đầu tư" in html
    found = client.get(reverse("questions:list") + "?q=ho so tang von").content.decode()
    assert "Thủ tục tăng vốn đầu tư" in found
    actions = list(question.events.values_list("action", flat=True))
    assert actions[:1] == ["assign"] and "approve" in actions


def test_return_needs_a_reason_and_goes_back_to_the_answerer(
    question, department, answerer, reviewer
):
    workflow.assign(question, reviewer, department)
    question.answer = "Trả lời"
    workflow.submit(question, answerer)
    with pytest.raises(workflow.TransitionError):
        workflow.send_back(question, reviewer, note="")
    workflow.send_back(question, reviewer, note="Cần dẫn điều luật")
    assert question.status == Question.Status.ASSIGNED


def test_answerer_sees_only_own_department(client, question, field, other_department, answerer):
    foreign = Question.objects.create(
        field=field,
        asker_name="B",
        asker_email="b@example.vn",
        received_title="Câu hỏi khác",
        received_body="x",
        title="Câu hỏi phòng khác",
        body="x",
        department=other_department,
        status=Question.Status.ASSIGNED,
    )
    question.department = answerer.answer_departments.get()
    question.status = Question.Status.ASSIGNED
    question.save()
    client.force_login(answerer)
    html = client.get(reverse("questions_admin:queue")).content.decode()
    assert question.title in html and "Câu hỏi phòng khác" not in html
    assert client.get(reverse("questions_admin:detail", args=[foreign.pk])).status_code == 404
    with pytest.raises(workflow.TransitionError):
        question.answer = "x"
        workflow.approve(question, answerer)


def test_reader_without_permission_is_refused(client, question, django_user_model):
    user = django_user_model.objects.create_user("bandoc", "b@example.vn", "pw-12345!")
    client.force_login(user)
    response = client.get(reverse("questions_admin:queue"))
    assert response.status_code in (302, 403)


def test_dashboard_figures_and_panel(admin_client, question, department):
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    Question.objects.filter(pk=question.pk).update(created_at=now - dt.timedelta(days=20))
    done = Question.objects.create(
        field=question.field,
        asker_name="B",
        asker_email="b@example.vn",
        received_title="t",
        received_body="x",
        title="t",
        body="x",
        department=department,
        status=Question.Status.PUBLISHED,
        created_at=now - dt.timedelta(days=10),
        published_at=now - dt.timedelta(days=6),
    )
    figures = dashboard_figures(now=now)
    assert figures["open_total"] == 1
    assert [b["count"] for b in figures["buckets"]] == [0, 0, 1, 0]
    assert figures["medians"] == [{"department": department.name, "median_days": 4.0, "count": 1}]
    assert done.pk
    home = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Thời gian trả lời (trung vị) theo đơn vị" in home


def test_xlsx_export_of_a_period(admin_client, question):
    today = question.created_at.date()
    response = admin_client.get(
        reverse("questions_admin:export"), {"start": today.isoformat(), "end": today.isoformat()}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Mã tra cứu"
    assert rows[1][0] == question.tracking_code and rows[1][3] == "Tăng vốn đầu tư"
    empty = admin_client.get(
        reverse("questions_admin:export"), {"start": "2001-01-01", "end": "2001-01-02"}
    )
    assert len(list(load_workbook(io.BytesIO(empty.content)).active.values)) == 1
    bad = admin_client.get(reverse("questions_admin:export"), {"start": "x", "end": "2001-01-02"})
    assert bad.status_code == 302


def test_formula_text_is_exported_as_text(admin_client, question):
    Question.objects.filter(pk=question.pk).update(received_title='=HYPERLINK("http://x")')
    today = question.created_at.date().isoformat()
    response = admin_client.get(reverse("questions_admin:export"), {"start": today, "end": today})
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[1][3].startswith("'=")


def test_admin_pages_render(admin_client, question):
    for name in (
        "questions_admin:queue",
        "questions_admin:dashboard",
        "questions_fields:list",
        "questions_departments:list",
    ):
        assert admin_client.get(reverse(name)).status_code == 200
    assert (
        admin_client.get(reverse("questions_admin:detail", args=[question.pk])).status_code == 200
    )
