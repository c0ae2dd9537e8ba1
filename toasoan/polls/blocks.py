"""The StreamField block that puts a poll in an article (``toasoan.news.blocks``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class PollBlock(blocks.StructBlock):
    poll = SnippetChooserBlock("polls.Poll", label=_("Cuộc bình chọn"))

    class Meta:
        icon = "list-ul"
        label = _("Bình chọn")
        template = "polls/block.html"
