import json

from django import template
from django.utils.translation import gettext as _

from .. import challenge
from ..conf import botcheck_setting

register = template.Library()


def altcha_strings():
    """The widget's Vietnamese strings (through gettext), as JSON."""
    strings = {
        "label": _("Tôi không phải là người máy"),
        "verified": _("Đã xác minh"),
        "verifying": _("Đang xác minh..."),
        "waitAlert": _("Đang xác minh... vui lòng chờ."),
        "error": _("Xác minh thất bại. Vui lòng thử lại."),
        "expired": _("Xác minh đã hết hạn. Vui lòng thử lại."),
        "verificationRequired": _("Vui lòng xác minh trước khi gửi."),
        "loading": _("Đang tải..."),
        "reload": _("Tải lại"),
        "verify": _("Xác minh"),
        "cancel": _("Hủy"),
        "ariaLinkLabel": "ALTCHA",
    }
    return json.dumps(strings)


def widget_context():
    """What a template needs to render the ALTCHA widget."""
    return {
        "altcha_enabled": botcheck_setting("ALTCHA_ENABLED"),
        "altcha_configuration": json.dumps({"hideFooter": True, "hideLogo": True}),
        "altcha_strings": altcha_strings(),
    }


@register.inclusion_tag("botcheck/_fields.html")
def botcheck_fields(form):
    """The ALTCHA widget and, for readers without JavaScript, the image code (``form`` is a
    ``BotCheckForm`` given a question with ``form.new_question()`` when rendered)."""
    if not getattr(form, "question_text", None):
        form.new_question()
    question_image = challenge.question_image_url(form["question_id"].value())
    return {
        "form": form,
        "question": form.question_text,
        "question_image": question_image,
        **widget_context(),
    }
