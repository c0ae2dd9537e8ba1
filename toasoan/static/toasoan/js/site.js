/* Tòa soạn — progressive enhancements for the public site. Every page works without this file:
   it only remembers the accessibility choice, refreshes a cached masthead date, opens the menu on
   wide screens in old browsers and loads videos on demand. No inline script is needed (CSP). */
(function () {
  "use strict";

  var KEY = "toasoan-a11y";
  var TEXT_MIN = -1;
  var TEXT_MAX = 3;
  var TEXT_CLASSES = ["a11y-text-small", "a11y-text-1", "a11y-text-2", "a11y-text-3"];

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      var text = typeof saved.text === "number" ? saved.text : 0;
      return {
        text: Math.max(TEXT_MIN, Math.min(TEXT_MAX, Math.round(text))),
        contrast: saved.contrast === true,
      };
    } catch (e) {
      return { text: 0, contrast: false };
    }
  }

  function save(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      /* The choice still applies to this page. */
    }
  }

  function apply(state) {
    var classes = document.documentElement.classList;
    TEXT_CLASSES.forEach(function (name) {
      classes.remove(name);
    });
    if (state.text === -1) classes.add("a11y-text-small");
    else if (state.text > 0) classes.add("a11y-text-" + state.text);
    classes.toggle("a11y-contrast", state.contrast);
    document.querySelectorAll("[data-a11y]").forEach(function (button) {
      var action = button.getAttribute("data-a11y");
      if (action === "contrast") button.setAttribute("aria-pressed", String(state.contrast));
      if (action === "text-reset") button.setAttribute("aria-pressed", String(state.text === 0));
      if (action === "text-smaller") button.disabled = state.text <= TEXT_MIN;
      if (action === "text-larger") button.disabled = state.text >= TEXT_MAX;
    });
  }

  function initA11yBar() {
    var state = load();
    apply(state);
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-a11y]") : null;
      if (!button) return;
      var action = button.getAttribute("data-a11y");
      if (action === "text-smaller") state.text = Math.max(TEXT_MIN, state.text - 1);
      else if (action === "text-larger") state.text = Math.min(TEXT_MAX, state.text + 1);
      else if (action === "text-reset") state.text = 0;
      else if (action === "contrast") state.contrast = !state.contrast;
      else return;
      apply(state);
      save(state);
    });
  }

  /* Masthead date: a page served from a cache may carry yesterday's date. Vietnam time,
     same wording as toasoan.vi.dates.long_date. */
  var WEEKDAYS = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

  function todayInVietnam() {
    var parts = {};
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Ho_Chi_Minh",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    })
      .formatToParts(new Date())
      .forEach(function (part) {
        parts[part.type] = part.value;
      });
    return { iso: parts.year + "-" + parts.month + "-" + parts.day, y: +parts.year, m: +parts.month, d: +parts.day };
  }

  function refreshDate() {
    var node = document.querySelector("time[data-vi-today]");
    if (!node || !window.Intl) return;
    var today;
    try {
      today = todayInVietnam();
    } catch (e) {
      return;
    }
    if (node.getAttribute("datetime") === today.iso) return;
    var weekday = WEEKDAYS[new Date(Date.UTC(today.y, today.m - 1, today.d)).getUTCDay()];
    node.setAttribute("datetime", today.iso);
    node.textContent = weekday + ", ngày " + today.d + " tháng " + today.m + " năm " + today.y;
  }

  /* Wide screens show the menu open; CSS does it with ::details-content where supported. */
  function initMenu() {
    var menu = document.querySelector(".site-nav__menu");
    if (!menu || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 900px)");
    var sync = function () {
      if (wide.matches) menu.open = true;
    };
    sync();
    if (wide.addEventListener) wide.addEventListener("change", sync);
  }

  /* Videos: nothing is requested from the video host until the reader clicks play. */
  function initVideos() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest(".video-facade__play[data-embed]") : null;
      if (!button) return;
      var src = button.getAttribute("data-embed");
      if (!/^https:\/\//.test(src)) return;
      var frame = document.createElement("iframe");
      if (!/[?&]autoplay=/.test(src)) src += (src.indexOf("?") === -1 ? "?" : "&") + "autoplay=1";
      frame.src = src;
      frame.title = button.getAttribute("data-title") || "";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.loading = "eager";
      button.replaceWith(frame);
      frame.focus();
    });
  }

  function init() {
    initA11yBar();
    refreshDate();
    initMenu();
    initVideos();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
