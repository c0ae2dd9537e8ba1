/* Album lightbox: opens a photo full screen; ←/→ and swipe move, Esc closes, focus returns.
   Without JavaScript every photo is a plain link to its large rendition. */
(function () {
  "use strict";
  if (window.toasoanLightbox) return;
  window.toasoanLightbox = true;
  // The labels are translated by Django and ride on the grid (photos/photo_grid.html).
  function labelsOf(grid) {
    var d = grid.dataset;
    return { close: d.labelClose, prev: d.labelPrev, next: d.labelNext, of: d.labelOf };
  }

  function open(grid, index) {
    var labels = labelsOf(grid);
    var links = Array.prototype.slice.call(grid.querySelectorAll(".photo-grid__link"));
    var opener = links[index];
    var dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", grid.getAttribute("aria-label") || "");
    dialog.innerHTML =
      '<figure class="lightbox__figure"><img class="lightbox__img" alt=""><figcaption class="lightbox__caption"></figcaption></figure>' +
      '<p class="lightbox__count" aria-live="polite"></p>' +
      '<button type="button" class="lightbox__btn lightbox__prev"></button>' +
      '<button type="button" class="lightbox__btn lightbox__next"></button>' +
      '<button type="button" class="lightbox__btn lightbox__close"></button>';
    var img = dialog.querySelector(".lightbox__img");
    var caption = dialog.querySelector(".lightbox__caption");
    var count = dialog.querySelector(".lightbox__count");
    var prev = dialog.querySelector(".lightbox__prev");
    var next = dialog.querySelector(".lightbox__next");
    var close = dialog.querySelector(".lightbox__close");
    prev.setAttribute("aria-label", labels.prev); prev.textContent = "‹";
    next.setAttribute("aria-label", labels.next); next.textContent = "›";
    close.setAttribute("aria-label", labels.close); close.textContent = "×";

    function show(i) {
      index = (i + links.length) % links.length;
      var link = links[index];
      var thumb = link.querySelector("img");
      var figcaption = link.parentNode.querySelector("figcaption");
      img.src = link.getAttribute("data-full");
      img.alt = thumb ? thumb.alt : "";
      img.width = +link.getAttribute("data-width") || 0;
      img.height = +link.getAttribute("data-height") || 0;
      caption.textContent = figcaption ? figcaption.textContent : "";
      count.textContent = (index + 1) + " " + labels.of + " " + links.length;
      dialog.setAttribute("data-index", String(index));
    }
    function shut() { dialog.close(); }
    prev.addEventListener("click", function () { show(index - 1); });
    next.addEventListener("click", function () { show(index + 1); });
    close.addEventListener("click", shut);
    dialog.addEventListener("keydown", function (e) {
      if (e.key === "ArrowLeft") { e.preventDefault(); show(index - 1); }
      else if (e.key === "ArrowRight") { e.preventDefault(); show(index + 1); }
    });
    dialog.addEventListener("close", function () {
      dialog.remove();
      links[index].focus();
    });
    dialog.addEventListener("click", function (e) { if (e.target === dialog) shut(); });
    var startX = null, startY = null;
    dialog.addEventListener("touchstart", function (e) {
      startX = e.touches[0].clientX; startY = e.touches[0].clientY;
    }, { passive: true });
    dialog.addEventListener("touchend", function (e) {
      if (startX === null) return;
      var dx = e.changedTouches[0].clientX - startX;
      var dy = e.changedTouches[0].clientY - startY;
      startX = null;
      if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) show(dx < 0 ? index + 1 : index - 1);
    });
    document.body.appendChild(dialog);
    show(index);
    dialog.showModal();
    close.focus();
    return opener;
  }

  document.addEventListener("click", function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    var link = e.target.closest ? e.target.closest(".photo-grid__link") : null;
    var grid = link && link.closest("[data-lightbox]");
    if (!grid || typeof HTMLDialogElement !== "function") return;
    e.preventDefault();
    var links = Array.prototype.slice.call(grid.querySelectorAll(".photo-grid__link"));
    open(grid, links.indexOf(link));
  });
})();
