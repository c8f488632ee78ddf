// Closer's only script of its own. Pages work without it; with it, content that htmx swaps in
// behaves like content that came with the page.
(function () {
  "use strict";
  document.addEventListener("htmx:load", function (event) {
    // Copy buttons stay hidden without JavaScript (outbox/notes.js shows those on the page at
    // load); show the ones that arrive later too. The click itself is handled by notes.js.
    event.target.querySelectorAll("[data-copy], [data-copy-from]").forEach(function (button) {
      button.hidden = false;
    });
  });
})();
