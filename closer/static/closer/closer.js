// Closer's only script of its own. Pages work without it; with it, content that htmx swaps in
// behaves like content that came with the page.
(function () {
  "use strict";
  // A field to copy from (the calendar address) is selected whole when it gets the focus.
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-select-on-focus]")) {
      event.target.select();
    }
  });
  document.addEventListener("htmx:load", function (event) {
    // Copy buttons stay hidden without JavaScript (outbox/notes.js shows those on the page at
    // load); show the ones that arrive later too. The click itself is handled by notes.js.
    event.target.querySelectorAll("[data-copy], [data-copy-from]").forEach(function (button) {
      button.hidden = false;
    });
  });
})();
