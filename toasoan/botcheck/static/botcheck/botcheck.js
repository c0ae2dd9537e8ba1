/* The bot check of a public form ({% botcheck_fields form %}, toasoan/botcheck).
 *
 * Nothing is fetched when the page loads: the ALTCHA widget's script and style are added on
 * the reader's first focus inside the form, then the no-JS question is hidden (the widget
 * replaces it). Without JavaScript the question stays and the form works as plain HTML.
 */
(function () {
  "use strict";

  function loadWidget(box) {
    var widget = box.querySelector("altcha-widget");
    if (!widget || !window.customElements) return;
    var question = box.querySelector("[data-botcheck-question]");
    if (question) {
      question.hidden = true;
      var answer = question.querySelector("input[name=answer]");
      if (answer) answer.value = "";
    }
    if (!document.querySelector("link[data-botcheck-style]")) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = box.dataset.styleUrl;
      link.setAttribute("data-botcheck-style", "");
      document.head.appendChild(link);
    }
    if (!document.querySelector("script[data-botcheck-script]")) {
      var script = document.createElement("script");
      script.type = "module";
      script.src = box.dataset.scriptUrl;
      script.setAttribute("data-botcheck-script", "");
      document.head.appendChild(script);
    }
    // The CSP-friendly ALTCHA build has no built-in workers: register ours (files from 'self').
    customElements.whenDefined("altcha-widget").then(function () {
      var altcha = window.$altcha;
      if (!altcha) return;
      ["PBKDF2/SHA-256", "PBKDF2/SHA-384", "PBKDF2/SHA-512"].forEach(function (name) {
        altcha.algorithms.set(name, function () { return new Worker(widget.dataset.workerPbkdf2); });
      });
      ["SHA-256", "SHA-384", "SHA-512"].forEach(function (name) {
        altcha.algorithms.set(name, function () { return new Worker(widget.dataset.workerSha); });
      });
      altcha.i18n.set(widget.getAttribute("language") || "vi", JSON.parse(widget.dataset.strings));
    });
  }

  function init() {
    document.querySelectorAll("[data-botcheck]").forEach(function (box) {
      var form = box.closest("form");
      if (!form || !box.querySelector("altcha-widget")) return;
      form.addEventListener("focusin", function once() {
        form.removeEventListener("focusin", once);
        loadWidget(box);
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
