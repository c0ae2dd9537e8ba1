from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _last_answer():
    from .models import Question

    return (
        Question.objects.published()
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first()
    )


class QuestionsConfig(AppConfig):
    name = "toasoan.questions"
    label = "questions"
    verbose_name = _("Hỏi đáp")

    def ready(self):
        from toasoan.core.portal import register_category, register_demo_loader, register_section
        from toasoan.ops.invalidation import watch_models

        from .demo import load_demo

        register_section("questions", _("Hỏi đáp"), "questions:list", order=60)
        register_category(
            "questions",
            _("Hỏi đáp, trả lời kiến nghị của tổ chức, cá nhân"),
            _last_answer,
            url_name="questions:list",
            order=60,
        )
        register_demo_loader("questions", load_demo, order=60)
        watch_models("questions.Question", "questions.Field", "questions.Department")
