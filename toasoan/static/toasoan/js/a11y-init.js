/* Loaded in <head> without defer: re-applies the reader's accessibility choice (text size,
   high contrast) before the first paint so the page never flashes in the default style.
   site.js owns the buttons; both read the same localStorage key. */
(function () {
  "use strict";
  var classes = document.documentElement.classList;
  classes.add("js"); /* the accessibility bar is shown only when its buttons can work */
  try {
    var saved = JSON.parse(window.localStorage.getItem("toasoan-a11y") || "{}");
    if (saved.contrast === true) classes.add("a11y-contrast");
    if (saved.text === -1) classes.add("a11y-text-small");
    else if (saved.text >= 1 && saved.text <= 3) classes.add("a11y-text-" + saved.text);
  } catch (e) {
    /* Storage disabled (private mode, policy): the default style is fine. */
  }
})();
