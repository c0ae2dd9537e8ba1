// "In bài viết" on the print view opens the browser's print dialog.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print-now]");
    if (button) {
      window.print();
    }
  });
})();
