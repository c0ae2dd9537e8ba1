/* Reader comments on a cached article page. Loading the page asks the server for nothing:
   the total, the list and the open state are in the cached HTML. Only when the reader starts
   a comment (focus or first keystroke in the form) does this fetch the per-reader session
   (CSRF token, open state) and load the bot-check widget's script and style; then it posts
   with fetch and shows Vietnamese messages next to the fields. No inline code (CSP). */
(function () {
  "use strict";

  // Messages come from the template (translated there): data-msg-* on the form.
  var MESSAGES = {};

  function setText(el, text) {
    if (!el) return;
    el.textContent = text || "";
    el.hidden = !text;
  }

  function loadSession(form) {
    return fetch(form.dataset.sessionUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      cache: "no-store"
    }).then(function (response) {
      if (!response.ok) throw new Error("session " + response.status);
      return response.json();
    }).then(function (data) {
      form.elements.csrfmiddlewaretoken.value = data.csrfToken;
      var total = document.querySelector("[data-comment-total]");
      if (total && typeof data.total === "number") {
        total.textContent = data.total.toLocaleString("vi-VN");
      }
      return data;
    });
  }

  function clearErrors(form) {
    form.querySelectorAll("[data-error-for]").forEach(function (el) { setText(el, ""); });
    form.querySelectorAll(".comment-form__field--error").forEach(function (el) {
      el.classList.remove("comment-form__field--error");
    });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid");
    });
  }

  function showErrors(form, errors) {
    var first = null;
    Object.keys(errors || {}).forEach(function (name) {
      var slot = form.querySelector('[data-error-for="' + name + '"]');
      var input = form.elements[name];
      if (slot) setText(slot, errors[name].join(" "));
      if (input && input.setAttribute) {
        input.setAttribute("aria-invalid", "true");
        var described = [input.id + "_error"];
        if (document.getElementById(input.id + "_helptext")) described.push(input.id + "_helptext");
        input.setAttribute("aria-describedby", described.join(" "));
        if (input.closest) input.closest(".comment-form__field").classList.add("comment-form__field--error");
        if (!first && input.type !== "hidden") first = input;
      }
    });
    return first;
  }

  function resetWidget(form) {
    var widget = form.querySelector("altcha-widget");
    if (widget && typeof widget.reset === "function") widget.reset();
  }

  function submit(form, event) {
    event.preventDefault();
    var status = form.querySelector("[data-form-status]");
    var button = form.querySelector("button[type=submit]");
    clearErrors(form);
    status.classList.remove("comment-form__status--ok");
    setText(status, MESSAGES.sending);
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      var data = result.data || {};
      if (result.status === 201 && data.ok) {
        status.classList.add("comment-form__status--ok");
        setText(status, data.message);
        form.elements.body.value = "";
        form.elements.parent.value = "";
        form.querySelector("[data-replying]").hidden = true;
        resetWidget(form);
        status.focus();
        return;
      }
      if (result.status === 403) loadSession(form).catch(function () {});
      setText(status, result.status === 403 && !data.message ? MESSAGES.expired : data.message);
      var first = showErrors(form, data.errors);
      // A bot-check solution is single-use: solve a new one for the next try.
      resetWidget(form);
      (first || status).focus();
    }).catch(function () {
      setText(status, MESSAGES.network);
      status.focus();
    }).then(function () {
      button.disabled = false;
    });
  }

  function wireReplies(section, form, prepare) {
    var replying = form.querySelector("[data-replying]");
    var replyingText = form.querySelector("[data-replying-text]");
    section.querySelectorAll("[data-reply-to]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        form.elements.parent.value = link.dataset.replyTo;
        replyingText.textContent = MESSAGES.replying.replace("%(name)s", link.dataset.replyName);
        replying.hidden = false;
        prepare();
        form.elements.body.focus();
      });
    });
    var cancel = form.querySelector("[data-reply-cancel]");
    if (cancel) {
      cancel.addEventListener("click", function () {
        form.elements.parent.value = "";
        replying.hidden = true;
      });
    }
  }

  // The CSP-friendly ALTCHA build has no built-in workers: register ours (files from 'self').
  // The widget reads its texts from a global store keyed by language; ours are translated
  // by Django and ride on the element as JSON.
  function setUpWidget(form) {
    var widget = form.querySelector("altcha-widget");
    if (!widget || !window.customElements) return;
    customElements.whenDefined("altcha-widget").then(function () {
      var altcha = window.$altcha;
      if (!altcha) return;
      var workers = {
        "PBKDF2/SHA-256": widget.dataset.workerPbkdf2,
        "PBKDF2/SHA-384": widget.dataset.workerPbkdf2,
        "PBKDF2/SHA-512": widget.dataset.workerPbkdf2,
        "SHA-256": widget.dataset.workerSha,
        "SHA-384": widget.dataset.workerSha,
        "SHA-512": widget.dataset.workerSha
      };
      Object.keys(workers).forEach(function (name) {
        altcha.algorithms.set(name, function () { return new Worker(workers[name]); });
      });
      altcha.i18n.set(widget.getAttribute("language") || "vi", JSON.parse(widget.dataset.strings));
    });
  }

  // The ALTCHA widget (≈30 KB compressed) is only for readers who comment: its style and
  // script are added to the page when the reader starts (URLs ride on the form).
  function loadWidget(form) {
    var widget = form.querySelector("altcha-widget");
    if (!widget || !form.dataset.widgetScript) return;
    if (form.dataset.widgetStyle) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = form.dataset.widgetStyle;
      document.head.appendChild(link);
    }
    var script = document.createElement("script");
    script.type = "module";
    script.src = form.dataset.widgetScript;
    document.head.appendChild(script);
    setUpWidget(form);
  }

  // Past the closing moment written in the cached page: hide the form without asking.
  function closedByClock(section) {
    var closes = Date.parse(section.dataset.closesAt || "");
    return !isNaN(closes) && Date.now() >= closes;
  }

  function showClosed(section, form) {
    form.hidden = true;
    section.querySelector("[data-comments-closed]").hidden = false;
    section.querySelectorAll("[data-reply-to]").forEach(function (el) { el.hidden = true; });
  }

  function init() {
    var section = document.querySelector("[data-comments]");
    var form = section && section.querySelector("[data-comment-form]");
    if (!form || !window.fetch || !window.FormData) return;
    MESSAGES = {
      network: form.dataset.msgNetwork,
      expired: form.dataset.msgExpired,
      sending: form.dataset.msgSending,
      replying: form.dataset.msgReplying
    };
    form.querySelector("[data-form-status]").setAttribute("tabindex", "-1");
    var nojs = section.querySelector("[data-comments-nojs]");
    if (closedByClock(section)) {
      showClosed(section, form);
      if (nojs) nojs.hidden = true;
      return;
    }
    form.hidden = false;
    if (nojs) nojs.hidden = true;

    // Once, when the reader starts: the session (token, open state) and the widget.
    var session = null;
    function prepare() {
      if (session) return session;
      form.removeEventListener("focusin", prepare);
      form.removeEventListener("keydown", prepare);
      loadWidget(form);
      session = loadSession(form).then(function (data) {
        if (!data.open) showClosed(section, form);
        return data;
      }, function (error) {
        session = null; // the next focus tries again; a submit reports the network error
        form.addEventListener("focusin", prepare);
        throw error;
      });
      return session;
    }
    form.addEventListener("focusin", prepare);
    form.addEventListener("keydown", prepare);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var ready = prepare();
      ready.then(function () { submit(form, event); }, function () {
        setText(form.querySelector("[data-form-status]"), MESSAGES.network);
      });
    });
    wireReplies(section, form, prepare);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
