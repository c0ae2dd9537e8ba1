"""Public pages of the photo library (/thu-vien-anh/) and the admin bulk upload."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .models import Album
from .uploads import add_photo

PER_PAGE = 12


@require_GET
def album_index(request):
    albums = Album.objects.public().select_related("section").prefetch_related("photos__image")
    paginator = Paginator(albums, PER_PAGE)
    page = paginator.get_page(request.GET.get("trang"))
    return render(request, "photos/album_index.html", {"albums": page, "paginator": paginator})


@require_GET
def album_detail(request, slug):
    album = get_object_or_404(Album.objects.public(), slug=slug)
    photos = list(album.photos.select_related("image"))
    return render(request, "photos/album_detail.html", {"album": album, "photos": photos})


@permission_required("photos.change_album", raise_exception=True)
def bulk_upload(request, pk):
    """GET: the form. POST: one or many files (the page's script sends one per request and
    shows each one's progress; without JavaScript the form posts them all at once)."""
    album = get_object_or_404(Album, pk=pk)
    if request.method != "POST":
        return render(request, "photos/admin/bulk_upload.html", {"album": album})
    alt_text = request.POST.get("alt_text", "").strip()
    credit = request.POST.get("credit", "").strip()
    files = request.FILES.getlist("file")
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    errors, added = [], 0
    if not alt_text:
        errors.append(_("Hãy nhập văn bản thay thế (mô tả ảnh) cho các ảnh tải lên."))
    elif not files:
        errors.append(_("Chưa chọn tệp ảnh nào."))
    else:
        for upload in files:
            number = album.photos.count() + 1
            photo, error = add_photo(
                album, upload, f"{alt_text} ({number})", credit=credit, user=request.user
            )
            if error:
                errors.append(error)
            else:
                added += 1
    if wants_json:
        return JsonResponse({"added": added, "errors": errors}, status=400 if errors else 200)
    context = {"album": album, "added": added, "errors": errors}
    if errors:
        return render(request, "photos/admin/bulk_upload.html", context, status=400)
    return redirect(request.path + f"?da_them={added}")
