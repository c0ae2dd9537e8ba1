// Share bar: the copy-link button (shown only where the Clipboard API exists) and the
// status message read out by screen readers. Facebook and Zalo are plain links.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-share-copy]");
  if (!navigator.clipboard || !window.isSecureContext) {
    return; // the button stays hidden: nothing to offer without the Clipboard API
  }
  buttons.forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var status = button.parentElement.querySelector("[data-share-status]");
      navigator.clipboard.writeText(button.getAttribute("data-share-copy")).then(
        function () {
          status.textContent = status.getAttribute("data-copied");
        },
        function () {
          status.textContent = status.getAttribute("data-failed");
        }
      );
    });
  });
})();
