"""The staff audit trail, written into Wagtail's own log (``ModelLogEntry``/``PageLogEntry``).

Wagtail already logs page actions and create/edit/delete through its admin views (users,
groups, snippets, settings, images, documents). This module adds what it does not log:

* logins (success, wrong password, lockout, refused while locked) and logouts, with the
  client address and the user name typed, from Django's and django-axes' signals;
* password changes, resets and passwords set by an administrator;
* group membership and permission changes (user groups, user permissions, group model
  permissions, page and collection permissions), from ``m2m_changed``/``post_save``;
* two-factor devices confirmed or removed;
* comment moderation (approve/reject/spam, official replies: ``toasoan.comments.moderation``
  calls :func:`log_comment_status`; a status changed in the edit form is caught here);
* bulk deletions and (de)activations, which Wagtail's bulk actions do not log.

Every log entry written during a request (Wagtail's own too) carries the client address
(``data["ip"]``), so the administrators' report (``audit_views.py``) can search by address.
Action codes are registered with Vietnamese labels in ``register_actions`` (the
``register_log_actions`` hook).
"""

import contextvars
import logging
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, get_active_log_context, log

logger = logging.getLogger("toasoan.security")

# The current request's WSGI environ (client address, path), set from request_started.
_request_info = contextvars.ContextVar("toasoan_audit_request", default=None)

MAX_NAMES = 40  # permission/group names kept in one entry


def _client_ip_from_environ(environ):
    from .auth import client_ip

    return client_ip(SimpleNamespace(META=environ)) or ""


def _request_started(sender, environ=None, scope=None, **kwargs):
    # Only a reference is kept: the address is worked out when an entry is written.
    if environ is None and scope is not None:  # ASGI
        client = scope.get("client") or ("", 0)
        environ = {"REMOTE_ADDR": client[0], "PATH_INFO": scope.get("path", "")}
        for key, value in scope.get("headers", ()):
            if key.lower() == b"x-forwarded-for":
                environ["HTTP_X_FORWARDED_FOR"] = value.decode("latin-1")
    _request_info.set(environ)


def _request_finished(sender, **kwargs):
    _request_info.set(None)


def current_ip():
    environ = _request_info.get()
    return _client_ip_from_environ(environ) if environ else ""


def current_path():
    environ = _request_info.get()
    return environ.get("PATH_INFO", "") if environ else ""


def _acting_user():
    user = get_active_log_context().user
    if user is not None and getattr(user, "is_authenticated", False):
        return user
    return None


def _unwrap(obj):
    # request.user may be a lazy object wrapping another lazy object; Wagtail's log() unwraps
    # one level only and then silently logs nothing.
    from django.utils.functional import LazyObject, empty

    while isinstance(obj, LazyObject):
        if obj._wrapped is empty:
            obj._setup()
        obj = obj._wrapped
    return obj


def audit(instance, action, user=None, data=None, title=None, **kwargs):
    """``wagtail.log_actions.log`` with the request's client address added to ``data``."""
    instance, user = _unwrap(instance), _unwrap(user)
    data = dict(data or {})
    ip = current_ip()
    if ip and "ip" not in data:
        data["ip"] = ip
    if user is None:
        user = _unwrap(_acting_user())
    return log(instance, action, user=user, data=data, title=title, **kwargs)


def _username_title(user):
    return user.get_username()


def _stamp_ip(sender, instance, raw=False, **kwargs):
    """Every log entry written during a request, Wagtail's own included (page publish, user
    edit, ...), records the client address, so administrators can search by it."""
    if raw or instance.pk is not None or not isinstance(instance.data, dict):
        return
    ip = current_ip()
    if ip and "ip" not in instance.data:
        instance.data["ip"] = ip


# --- logins -----------------------------------------------------------------------------


def _request_ip(request):
    from .auth import client_ip

    return getattr(request, "axes_ip_address", None) or client_ip(request) or ""


def _user_agent(request):
    return (request.META.get("HTTP_USER_AGENT", "") if request else "")[:255]


def _logged_in(sender, request, user, **kwargs):
    ip = _request_ip(request) if request is not None else current_ip()
    audit(
        user,
        "toasoan.login.success",
        user=user,
        title=_username_title(user),
        data={"ip": ip, "username": user.get_username(), "user_agent": _user_agent(request)},
    )


def _logged_out(sender, request, user, **kwargs):
    if user is None or not getattr(user, "pk", None):
        return
    ip = _request_ip(request) if request is not None else current_ip()
    audit(
        user,
        "toasoan.logout",
        user=user,
        title=_username_title(user),
        data={"ip": ip, "username": user.get_username()},
    )


def _login_failed(sender, credentials, request=None, **kwargs):
    """After axes' own handler (see connect()): a wrong password, the failure that locks,
    or an attempt refused because the account or address is already locked."""
    if request is None:
        return  # authenticate() from code, not a login form
    from axes.helpers import get_client_username
    from axes.models import AccessAttempt, AccessFailureLog

    username = (get_client_username(request, credentials) or "")[:150]
    ip = _request_ip(request)
    row = None
    attempt_time = getattr(request, "axes_attempt_time", None)
    if attempt_time is not None:
        # The row axes wrote for this attempt (its attempt_time is set on save, just after).
        row = (
            AccessFailureLog.objects.filter(
                username=username, ip_address=ip, attempt_time__gte=attempt_time
            )
            .order_by("-pk")
            .first()
        )
    if getattr(request, "toasoan_login_refused", False):
        action = "toasoan.login.refused"  # set by LoginThrottleBackend: locked before
    elif row is not None and row.locked_out:
        action = "toasoan.login.lockout"  # this failure reached the limit
    else:
        action = "toasoan.login.failed"
    User = get_user_model()
    target = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
    subject = target or row
    if subject is None:
        from django.db.models import Q

        subject = (
            AccessAttempt.objects.filter(Q(username=username) | Q(ip_address=ip))
            .order_by("-attempt_time")
            .first()
        )
    if subject is None:
        logger.warning("Login failure for %r from %s not in the audit log", username, ip)
        return
    audit(
        subject,
        action,
        user=target,
        title=username or "—",
        data={"ip": ip, "username": username, "user_agent": _user_agent(request)},
    )


# --- passwords ----------------------------------------------------------------------------


def _user_saved(sender, instance, created, raw=False, **kwargs):
    # AbstractBaseUser.save() clears _password after this signal: set_password() was called.
    if raw or created or getattr(instance, "_password", None) is None:
        return
    actor = _acting_user()
    if actor is not None and actor.pk == instance.pk:
        action = "toasoan.user.password_change"
    elif actor is not None:
        action = "toasoan.user.password_set"
    elif "/password_reset/" in current_path():
        action, actor = "toasoan.user.password_reset", instance
    else:
        action = "toasoan.user.password_set"  # command line (changepassword) or code
    audit(instance, action, user=actor, title=_username_title(instance))


# --- groups and permissions ---------------------------------------------------------------


def _names(model, pks):
    from django.contrib.auth.models import Group, Permission

    if model is Permission:
        rows = model.objects.filter(pk__in=pks).select_related("content_type")
        names = sorted(f"{p.content_type.app_label}.{p.codename}" for p in rows)
    elif model is Group:
        names = sorted(model.objects.filter(pk__in=pks).values_list("name", flat=True))
    else:
        names = sorted(str(obj) for obj in model.objects.filter(pk__in=pks))
    return names


def _m2m_entry(instance, action, key, names, count):
    data = {key: names[:MAX_NAMES], f"{key}_count": count}
    title = _username_title(instance) if isinstance(instance, get_user_model()) else str(instance)
    audit(instance, action, title=title, data=data)


def _m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """User.groups, User.user_permissions, Group.permissions: who gained or lost what."""
    from django.contrib.auth.models import Group

    if action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
        return
    User = get_user_model()
    if action == "pre_clear":
        # clear() sends no pk_set: remember what is about to go.
        field = _m2m_field(sender, instance, reverse)
        instance._toasoan_cleared = (
            list(getattr(instance, field).values_list("pk", flat=True)) if field else []
        )
        return
    if action == "post_clear":
        pk_set = set(getattr(instance, "_toasoan_cleared", []))
        action = "post_remove"
    if not pk_set:
        return
    key = "added" if action == "post_add" else "removed"
    if sender is User.groups.through:
        if reverse:  # group.user_set.add(...): one entry per user
            for user in User._default_manager.filter(pk__in=pk_set):
                _m2m_entry(user, "toasoan.user.groups", key, [instance.name], 1)
        else:
            names = _names(Group, pk_set)
            _m2m_entry(instance, "toasoan.user.groups", key, names, len(pk_set))
    elif sender is User.user_permissions.through and not reverse:
        from django.contrib.auth.models import Permission

        names = _names(Permission, pk_set)
        _m2m_entry(instance, "toasoan.user.permissions", key, names, len(pk_set))
    elif sender is Group.permissions.through and not reverse:
        from django.contrib.auth.models import Permission

        names = _names(Permission, pk_set)
        _m2m_entry(instance, "toasoan.group.permissions", key, names, len(pk_set))


def _m2m_field(sender, instance, reverse):
    from django.contrib.auth.models import Group

    User = get_user_model()
    if sender is User.groups.through:
        return "user_set" if reverse else "groups"
    if sender is User.user_permissions.through and not reverse:
        return "user_permissions"
    if sender is Group.permissions.through and not reverse:
        return "permissions"
    return None


def _object_permission_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    _object_permission_entry(instance, "added")


def _object_permission_deleted(sender, instance, **kwargs):
    _object_permission_entry(instance, "removed")


def _object_permission_entry(instance, key):
    """GroupPagePermission / GroupCollectionPermission rows, logged on their group."""
    from django.contrib.auth.models import Group

    group = Group.objects.filter(pk=instance.group_id).first()
    if group is None:
        return  # the group itself is being deleted (and that is logged)
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, Page

    if hasattr(instance, "page_id"):
        target = Page.objects.filter(pk=instance.page_id).values_list("title", flat=True)
        action = "toasoan.group.page_permissions"
    else:
        target = Collection.objects.filter(pk=instance.collection_id).values_list("name", flat=True)
        action = "toasoan.group.collection_permissions"
    target = target.first() or ""
    codename = (
        Permission.objects.filter(pk=instance.permission_id).values_list("codename", flat=True)
    ).first() or ""
    audit(group, action, title=group.name, data={key: [f"{codename} @ {target}"]})


# --- two-factor ----------------------------------------------------------------------------


def _device_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or not instance.confirmed:
        return
    if created or (update_fields and "confirmed" in update_fields):
        user = instance.user
        audit(
            user,
            "toasoan.2fa.enable",
            title=_username_title(user),
            data={"device": instance.name},
        )


def _device_deleted(sender, instance, **kwargs):
    if not instance.confirmed:
        return
    user = get_user_model()._default_manager.filter(pk=instance.user_id).first()
    if user is not None:
        audit(
            user,
            "toasoan.2fa.disable",
            title=_username_title(user),
            data={"device": instance.name},
        )


# --- comments -------------------------------------------------------------------------------

COMMENT_STATUS_ACTIONS = {
    "approved": "toasoan.comment.approve",
    "rejected": "toasoan.comment.reject",
    "spam": "toasoan.comment.spam",
    "pending": "toasoan.comment.pending",
}


def log_comment_status(comment, status, user=None):
    """A moderator decision on one comment (called by toasoan.comments.moderation)."""
    action = COMMENT_STATUS_ACTIONS.get(str(status))
    if action:
        audit(comment, action, user=user, data={"page_id": comment.page_id})


def log_official_reply(reply, user=None):
    audit(reply, "toasoan.comment.reply", user=user, data={"page_id": reply.page_id})


def _comment_pre_save(sender, instance, raw=False, update_fields=None, **kwargs):
    # The edit form saves every field; moderation.set_status saves update_fields and logs.
    if raw or instance.pk is None or update_fields is not None or _acting_user() is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).values_list("status", flat=True).first()
    instance._toasoan_old_status = old


def _comment_post_save(sender, instance, created, raw=False, **kwargs):
    old = getattr(instance, "_toasoan_old_status", None)
    if old is None:
        return
    del instance._toasoan_old_status
    if old != instance.status:
        log_comment_status(instance, instance.status)


# --- bulk actions (Wagtail's bulk delete / activate do not log) ------------------------------


def after_bulk_action(request, action_type, objects, action_class_instance):
    from wagtail.models import Page

    User = get_user_model()
    for obj in objects:
        if isinstance(obj, Page) or getattr(obj, "pk", None) is None:
            continue  # page actions log themselves; pk None: already deleted and logged
        if action_type == "delete":
            title = _username_title(obj) if isinstance(obj, User) else None
            audit(obj, "wagtail.delete", user=request.user, title=title, deleted=True)
        elif action_type == "set_active_state" and isinstance(obj, User):
            if obj.pk == request.user.pk:
                continue  # Wagtail never (de)activates the acting user
            active = action_class_instance.cleaned_form.cleaned_data["mark_as_active"]
            audit(
                obj,
                "toasoan.user.activate" if active else "toasoan.user.deactivate",
                user=request.user,
                title=_username_title(obj),
            )


# --- wiring --------------------------------------------------------------------------------


def connect():
    from axes import signals as axes_signals  # noqa: F401 - connects axes' receivers first
    from django.contrib.auth.models import Group
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
    from django.core.signals import request_finished, request_started
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from wagtail.models import (
        GroupCollectionPermission,
        GroupPagePermission,
        ModelLogEntry,
        PageLogEntry,
    )

    from toasoan.comments.models import Comment

    User = get_user_model()
    uid = "toasoan-audit-"
    request_started.connect(_request_started, dispatch_uid=uid + "request-started")
    request_finished.connect(_request_finished, dispatch_uid=uid + "request-finished")
    user_logged_in.connect(_logged_in, dispatch_uid=uid + "login")
    user_logged_out.connect(_logged_out, dispatch_uid=uid + "logout")
    # Connected after axes' receiver (imported above), so its failure row and lock exist.
    user_login_failed.connect(_login_failed, dispatch_uid=uid + "login-failed")
    post_save.connect(_user_saved, sender=User, dispatch_uid=uid + "user-saved")
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=uid + through.__name__)
    for model in (GroupPagePermission, GroupCollectionPermission):
        post_save.connect(_object_permission_saved, sender=model, dispatch_uid=uid + model.__name__)
        post_delete.connect(
            _object_permission_deleted, sender=model, dispatch_uid=uid + model.__name__ + "-del"
        )
    post_save.connect(_device_saved, sender=TOTPDevice, dispatch_uid=uid + "2fa-saved")
    post_delete.connect(_device_deleted, sender=TOTPDevice, dispatch_uid=uid + "2fa-deleted")
    pre_save.connect(_comment_pre_save, sender=Comment, dispatch_uid=uid + "comment-pre")
    for log_model in (ModelLogEntry, PageLogEntry):
        pre_save.connect(_stamp_ip, sender=log_model, dispatch_uid=uid + log_model.__name__)
    post_save.connect(_comment_post_save, sender=Comment, dispatch_uid=uid + "comment-post")


# --- labels (register_log_actions) -----------------------------------------------------------


def _joined(values):
    return ", ".join(str(v) for v in values)


class _LoginFormatter(LogFormatter):
    text = ""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return self.text % {"username": data.get("username", ""), "ip": data.get("ip") or "?"}


class _ChangeFormatter(LogFormatter):
    added_text = ""
    removed_text = ""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        parts = []
        for key, text in (("added", self.added_text), ("removed", self.removed_text)):
            if data.get(key):
                names = _joined(data[key])
                extra = data.get(f"{key}_count", len(data[key])) - len(data[key])
                if extra > 0:
                    names += " " + str(_("(và %(count)d mục khác)") % {"count": extra})
                parts.append(str(text) % {"names": names})
        return "; ".join(parts) or str(self.label)


def register_actions(actions):
    simple = {
        "toasoan.logout": (_("Đăng xuất"), _("Đăng xuất")),
        "toasoan.user.password_change": (_("Đổi mật khẩu"), _("Tự đổi mật khẩu")),
        "toasoan.user.password_set": (
            _("Đặt mật khẩu"),
            _("Mật khẩu được đặt bởi quản trị viên hoặc dòng lệnh"),
        ),
        "toasoan.user.password_reset": (
            _("Đặt lại mật khẩu"),
            _("Đặt lại mật khẩu qua liên kết gửi email"),
        ),
        "toasoan.user.activate": (_("Kích hoạt tài khoản"), _("Kích hoạt tài khoản")),
        "toasoan.user.deactivate": (_("Khóa tài khoản"), _("Ngừng kích hoạt tài khoản")),
        "toasoan.comment.approve": (_("Duyệt bình luận"), _("Duyệt bình luận")),
        "toasoan.comment.reject": (_("Từ chối bình luận"), _("Từ chối bình luận")),
        "toasoan.comment.spam": (_("Đánh dấu thư rác"), _("Đánh dấu bình luận là thư rác")),
        "toasoan.comment.pending": (_("Đưa bình luận về chờ duyệt"), _("Đưa về chờ duyệt")),
        "toasoan.comment.reply": (
            _("Trả lời bình luận"),
            _("Trả lời với tư cách Ban biên tập"),
        ),
    }
    for code, (label, message) in simple.items():
        actions.register_action(code, label, message)

    logins = {
        "toasoan.login.success": (_("Đăng nhập"), _("Đăng nhập thành công từ %(ip)s")),
        "toasoan.login.failed": (
            _("Đăng nhập thất bại"),
            _("Đăng nhập sai với tên “%(username)s” từ %(ip)s"),
        ),
        "toasoan.login.lockout": (
            _("Khóa đăng nhập"),
            _("Sai quá số lần cho phép: khóa “%(username)s” / %(ip)s"),
        ),
        "toasoan.login.refused": (
            _("Đăng nhập bị chặn"),
            _("Đăng nhập “%(username)s” từ %(ip)s bị chặn vì đang bị khóa"),
        ),
    }
    for code, (label, text) in logins.items():
        actions.register_action(code)(
            type("_Formatter", (_LoginFormatter,), {"label": label, "text": text})
        )

    changes = {
        "toasoan.user.groups": (
            _("Thay đổi nhóm của người dùng"),
            _("Thêm vào nhóm: %(names)s"),
            _("Bỏ khỏi nhóm: %(names)s"),
        ),
        "toasoan.user.permissions": (
            _("Thay đổi quyền của người dùng"),
            _("Cấp quyền: %(names)s"),
            _("Thu hồi quyền: %(names)s"),
        ),
        "toasoan.group.permissions": (
            _("Thay đổi quyền của nhóm"),
            _("Cấp quyền: %(names)s"),
            _("Thu hồi quyền: %(names)s"),
        ),
        "toasoan.group.page_permissions": (
            _("Thay đổi quyền trên trang của nhóm"),
            _("Cấp quyền trang: %(names)s"),
            _("Thu hồi quyền trang: %(names)s"),
        ),
        "toasoan.group.collection_permissions": (
            _("Thay đổi quyền thư viện của nhóm"),
            _("Cấp quyền thư viện: %(names)s"),
            _("Thu hồi quyền thư viện: %(names)s"),
        ),
    }
    for code, (label, added, removed) in changes.items():
        actions.register_action(code)(
            type(
                "_Formatter",
                (_ChangeFormatter,),
                {"label": label, "added_text": added, "removed_text": removed},
            )
        )

    @actions.register_action("toasoan.2fa.enable")
    class _TwoFactorOn(LogFormatter):
        label = _("Bật xác thực hai bước")
        message = _("Bật xác thực hai bước")

    @actions.register_action("toasoan.2fa.disable")
    class _TwoFactorOff(LogFormatter):
        label = _("Tắt xác thực hai bước")
        message = _("Gỡ thiết bị xác thực hai bước")
