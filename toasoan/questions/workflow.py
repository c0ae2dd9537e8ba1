"""The answer's way to publication, as an explicit state machine with permissions.

    NEW ──assign──▶ ASSIGNED ──submit──▶ REVIEW ──review──▶ APPROVAL ──approve──▶ PUBLISHED
                       ▲                   │                    │
                       └────── return ─────┴────── return ──────┘
    any open state ──close──▶ CLOSED (not published, e.g. answered by letter)

Every transition checks the user's permission and the current state, is written in one
transaction with its history event, and returns nothing; a refused step raises
``TransitionError`` with a Vietnamese message for the admin.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from toasoan.outbox import queue_template

from .models import Question, QuestionEvent

S = Question.Status


class TransitionError(Exception):
    pass


def is_manager(user):
    return user.is_superuser or user.has_perm("questions.manage_questions")


def can_draft(user, question):
    if question.status != S.ASSIGNED:
        return False
    if is_manager(user):
        return True
    return (
        user.has_perm("questions.answer_question")
        and question.department_id is not None
        and question.department.members.filter(pk=user.pk).exists()
    )


def can_edit_text(user, question):
    """Who may edit the published wording and the answer at the current step."""
    if question.status == S.ASSIGNED:
        return can_draft(user, question)
    if question.status == S.REVIEW:
        return user.has_perm("questions.review_answer")
    if question.status == S.APPROVAL:
        return user.has_perm("questions.approve_answer")
    if question.status == S.NEW:
        return is_manager(user)
    return False


def allowed_actions(user, question):
    """The actions the admin shows as buttons: [(action, label)]."""
    actions = []
    if question.status in (S.NEW, S.ASSIGNED) and is_manager(user):
        actions.append(("assign", _("Phân công")))
    if can_draft(user, question):
        actions.append(("submit", _("Gửi biên tập duyệt")))
    if question.status == S.REVIEW and user.has_perm("questions.review_answer"):
        actions += [("review", _("Duyệt, trình lãnh đạo")), ("return", _("Trả lại để sửa"))]
    if question.status == S.APPROVAL and user.has_perm("questions.approve_answer"):
        actions += [("approve", _("Phê duyệt và đăng")), ("return", _("Trả lại để sửa"))]
    if question.is_open and is_manager(user):
        actions.append(("close", _("Không đăng (đóng)")))
    return actions


def _log(question, action, user, note=""):
    QuestionEvent.objects.create(question=question, action=action, user=user, note=note)


def _require(condition, message):
    if not condition:
        raise TransitionError(message)


def save_text(question, user, *, title, body, answer):
    _require(can_edit_text(user, question), _("Bạn không được sửa câu hỏi ở bước này."))
    question.title, question.body, question.answer = title, body, answer
    with transaction.atomic():
        question.save(update_fields=["title", "body", "answer"])
        _log(question, "edit", user)


def assign(question, user, department, note=""):
    _require(is_manager(user), _("Bạn không có quyền phân công câu hỏi."))
    _require(question.status in (S.NEW, S.ASSIGNED), _("Câu hỏi không còn ở bước phân công."))
    _require(department is not None, _("Vui lòng chọn đơn vị trả lời."))
    question.department = department
    question.status = S.ASSIGNED
    question.assigned_at = timezone.now()
    with transaction.atomic():
        question.save(update_fields=["department", "status", "assigned_at"])
        _log(question, "assign", user, note or department.name)
        if department.email:
            queue_template(
                department.email, "questions/email/assigned", {"question": question, "note": note}
            )


def submit(question, user, note=""):
    _require(can_draft(user, question), _("Bạn không được gửi duyệt câu trả lời này."))
    _require(question.answer.strip(), _("Vui lòng soạn nội dung trả lời trước khi gửi duyệt."))
    question.status = S.REVIEW
    question.drafted_by = user
    with transaction.atomic():
        question.save(update_fields=["status", "drafted_by"])
        _log(question, "submit", user, note)


def review(question, user, note=""):
    _require(
        question.status == S.REVIEW and user.has_perm("questions.review_answer"),
        _("Bạn không được duyệt câu trả lời ở bước này."),
    )
    question.status = S.APPROVAL
    with transaction.atomic():
        question.save(update_fields=["status"])
        _log(question, "review", user, note)


def send_back(question, user, note=""):
    allowed = (question.status == S.REVIEW and user.has_perm("questions.review_answer")) or (
        question.status == S.APPROVAL and user.has_perm("questions.approve_answer")
    )
    _require(allowed, _("Bạn không được trả lại câu trả lời ở bước này."))
    _require(note.strip(), _("Vui lòng ghi lý do trả lại."))
    question.status = S.ASSIGNED
    with transaction.atomic():
        question.save(update_fields=["status"])
        _log(question, "return", user, note)


def approve(question, user, note="", site_url=""):
    _require(
        question.status == S.APPROVAL and user.has_perm("questions.approve_answer"),
        _("Bạn không được phê duyệt câu trả lời ở bước này."),
    )
    _require(question.answer.strip(), _("Câu trả lời đang trống."))
    question.status = S.PUBLISHED
    question.approved_by = user
    question.published_at = timezone.now()
    with transaction.atomic():
        question.save(update_fields=["status", "approved_by", "published_at"])
        _log(question, "approve", user, note)
        url = site_url.rstrip("/") + reverse("questions:detail", args=[question.pk])
        queue_template(
            question.asker_email, "questions/email/published", {"question": question, "url": url}
        )


def close(question, user, note=""):
    _require(is_manager(user) and question.is_open, _("Bạn không được đóng câu hỏi này."))
    question.status = S.CLOSED
    with transaction.atomic():
        question.save(update_fields=["status"])
        _log(question, "close", user, note)


ACTIONS = {
    "submit": submit,
    "review": review,
    "return": send_back,
    "close": close,
}
