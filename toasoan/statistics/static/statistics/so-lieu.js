/* Fresh reader figures for a cached page: the footer counter and "Đọc nhiều".
   Reads the static snapshot the statistics job writes every ~20 s (a file served by nginx,
   never a request to the application); the numbers already in the HTML stay when it fails. */
(function () {
  "use strict";
  var counter = document.querySelector("[data-stat-url]");
  if (!counter || !window.fetch) return;
  var format = function (n) { return Number(n || 0).toLocaleString("vi-VN"); };
  fetch(counter.getAttribute("data-stat-url"), { cache: "no-cache", credentials: "omit" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (figures) {
      if (!figures) return;
      ["total", "today", "online"].forEach(function (name) {
        var el = document.querySelector('[data-stat="' + name + '"]');
        if (el) el.textContent = format(figures[name]);
      });
      var block = document.querySelector("[data-most-read]");
      var lists = figures.most_read || {};
      if (!block) return;
      var items = lists[block.getAttribute("data-most-read")] || lists.site || [];
      if (!items.length) return;
      var list = block.querySelector("ol");
      var label = list.querySelector(".most-read__views");
      var suffix = label ? label.textContent.replace(/^[\d.,\s]+/, "") : block.getAttribute("data-views-label") || "";
      var empty = block.querySelector("[data-most-read-empty]");
      if (empty) empty.hidden = true;
      while (list.firstChild) list.removeChild(list.firstChild);
      items.forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = item.url;
        a.textContent = item.title;
        var views = document.createElement("span");
        views.className = "most-read__views";
        views.textContent = format(item.views) + " " + suffix;
        li.appendChild(a);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(views);
        list.appendChild(li);
      });
    })
    .catch(function () {});
})();
