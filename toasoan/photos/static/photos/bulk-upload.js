/* Bulk photo upload: one request per file, each with its own progress, so 40 photos upload
   with visible progress and one refused file never loses the others. Without JavaScript the
   form posts all files at once. */
(function () {
  "use strict";
  var form = document.querySelector("[data-bulk-upload]");
  if (!form || !window.FormData) return;
  var input = form.querySelector("input[type=file]");
  var progress = form.querySelector("[data-progress]");
  var summary = form.querySelector("[data-summary]");
  var results = form.querySelector("[data-results]");
  // Messages are translated by Django and ride on the form (photos/admin/bulk_upload.html).
  function say(name, values) {
    return (form.dataset[name] || "").replace(/\{(\w+)\}/g, function (_, key) {
      return values[key];
    });
  }
  form.addEventListener("submit", function (e) {
    var files = Array.prototype.slice.call(input.files || []);
    var alt = form.querySelector("[name=alt_text]").value.trim();
    if (!files.length || !alt) return; // let the server explain what is missing
    e.preventDefault();
    var done = 0, added = 0, failed = 0, total = files.length;
    progress.hidden = false;
    progress.value = 0;
    results.innerHTML = "";
    function report(text, ok) {
      var li = document.createElement("li");
      li.textContent = text;
      li.className = ok ? "help-info" : "error-message";
      results.appendChild(li);
    }
    function next() {
      if (!files.length) {
        summary.textContent = say("msgAdded", { added: added, total: total }) +
          (failed ? " " + say("msgRefused", { failed: failed }) : "");
        return;
      }
      var file = files.shift();
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      data.append("alt_text", alt);
      data.append("credit", form.querySelector("[name=credit]").value);
      data.append("file", file);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.pathname);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (ev) {
        if (ev.lengthComputable) progress.value = ((done + ev.loaded / ev.total) / total) * 100;
      };
      xhr.onload = function () {
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (err) { body = {}; }
        if (xhr.status === 200) { added += 1; report("✓ " + file.name, true); }
        else { failed += 1; report((body.errors || [say("msgError", { status: xhr.status, name: file.name })]).join(" "), false); }
        finish();
      };
      xhr.onerror = function () { failed += 1; report(say("msgOffline", { name: file.name }), false); finish(); };
      xhr.send(data);
      summary.textContent = say("msgUploading", { current: done + 1, total: total });
    }
    function finish() { done += 1; progress.value = (done / total) * 100; next(); }
    next();
  });
})();
