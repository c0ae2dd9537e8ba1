"""Public pages of the video library (/thu-vien-video/) and the video file itself."""

import os

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Video
from .ranges import serve_file

PER_PAGE = 12


@require_safe
def video_index(request):
    videos = Video.objects.public().select_related("poster")
    page = Paginator(videos, PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "videos/video_index.html", {"videos": page})


@require_safe
def video_detail(request, slug):
    video = get_object_or_404(Video.objects.public().select_related("poster", "section"), slug=slug)
    facade = {"url": video.youtube_url, "title": video.title}  # news/blocks/video.html's value
    return render(
        request,
        "videos/video_detail.html",
        {"video": video, "value": facade, "embed_url": video.embed_url},
    )


def _public_file(pk, field):
    video = get_object_or_404(Video.objects.public(), pk=pk)
    stored = getattr(video, field)
    if not stored:
        raise Http404
    try:
        path = stored.path
    except NotImplementedError:  # remote storage: let it serve the file
        path = None
    if path is None or not os.path.exists(path):
        raise Http404
    return video, stored, path


@require_safe
def video_file(request, pk):
    video, stored, path = _public_file(pk, "file")
    if getattr(settings, "TOASOAN_VIDEOS_X_ACCEL", False):
        # Production: nginx serves /media/ from disk, ranges included.
        response = HttpResponse(content_type=video.mime_type)
        response["X-Accel-Redirect"] = settings.MEDIA_URL + stored.name
        return response
    return serve_file(request, path, video.mime_type)


@require_safe
def captions_file(request, pk):
    _, _stored, path = _public_file(pk, "captions")
    return serve_file(request, path, "text/vtt; charset=utf-8")
