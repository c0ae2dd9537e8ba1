// The print button of a document page (inline handlers are refused by the site's CSP).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
