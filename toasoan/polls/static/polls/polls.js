/* Poll boxes ({% poll_box %}): vote without leaving the page.
 *
 * Nothing is requested when the page loads (the page comes from the page cache, identical
 * for everyone). On submit the form is posted to the vote endpoint with fetch; the answer
 * (thanks, the results, or a Vietnamese error) replaces the form. Without JavaScript the
 * form posts as plain HTML and the reader lands on the poll's page.
 */
(function () {
  "use strict";

  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (className) el.className = className;
    return el;
  }

  function showResults(box, data) {
    var target = box.querySelector("[data-poll-results]");
    target.textContent = "";
    target.appendChild(text("p", data.message, "cz-alert cz-alert--ok"));
    if (data.results) {
      var list = document.createElement("ul");
      list.className = "poll__results";
      data.results.choices.forEach(function (choice) {
        var item = document.createElement("li");
        item.appendChild(text("span", choice.text + ": " + choice.votes + " (" + choice.percent + "%)"));
        // A <meter>, not a styled span: the public CSP forbids inline style attributes.
        var bar = text("meter", choice.percent + "%", "poll__bar");
        bar.min = 0;
        bar.max = 100;
        bar.value = choice.percent;
        item.appendChild(bar);
        list.appendChild(item);
      });
      target.appendChild(list);
      target.appendChild(text("p", box.dataset.msgTotal + " " + data.results.ballots, "poll__note"));
    } else if (data.note) {
      target.appendChild(text("p", data.note, "poll__note"));
    }
    target.hidden = false;
    box.querySelector("[data-poll-form]").hidden = true;
    target.setAttribute("tabindex", "-1");
    target.focus();
  }

  function init() {
    document.querySelectorAll("[data-poll]").forEach(function (box) {
      var form = box.querySelector("[data-poll-form]");
      var status = box.querySelector("[data-poll-status]");
      // The script is included once per poll box: bind each box once.
      if (!form || !window.fetch || box.dataset.pollReady) return;
      box.dataset.pollReady = "1";
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        status.textContent = box.dataset.msgSending;
        fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        })
          .then(function (response) { return response.json(); })
          .then(function (data) {
            if (data.ok) {
              status.textContent = "";
              showResults(box, data);
            } else {
              status.textContent = data.message;
            }
          })
          .catch(function () {
            status.textContent = box.dataset.msgNetwork;
          });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
