// Notes: copy to the clipboard, and keep the "email app" link in step with the words on the
// page. Without JavaScript the page still works: the link then carries the saved draft and
// the copy buttons stay hidden.
(function () {
  "use strict";
  if (window.closerNotes) return; // included once per page, even from several rows
  window.closerNotes = true;

  function copyText(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
      return;
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
    done();
  }

  // The same encoding as closer/core/notes/mailto.py (RFC 6068).
  function addresses(text) {
    var found = [];
    var pieces = text.match(/("[^"]*"|[^,;])+/g) || [];
    pieces.forEach(function (piece) {
      var bracketed = piece.match(/<([^<>]+)>/);
      var address = bracketed ? bracketed[1] : piece.trim();
      if (address.indexOf("@") > 0) found.push(address.trim());
    });
    return found;
  }
  function encode(value) {
    return encodeURIComponent(value.replace(/\r\n|\r|\n/g, "\r\n"));
  }
  function mailto(to, cc, subject, body) {
    var path = addresses(to).map(function (a) {
      return encodeURIComponent(a).replace(/%40/g, "@");
    }).join(",");
    var fields = [["cc", addresses(cc).join(",")], ["subject", subject], ["body", body]];
    var query = fields.filter(function (f) { return f[1]; }).map(function (f) {
      return f[0] + "=" + encode(f[1]);
    }).join("&");
    return "mailto:" + path + (query ? "?" + query : "");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy], [data-copy-from]").forEach(function (button) {
      button.hidden = false;
    });
    document.querySelectorAll("[data-note-form]").forEach(function (form) {
      var link = form.querySelector("[data-mailto]");
      if (!link) return;
      var value = function (name) {
        var field = form.elements[name];
        return field ? field.value : "";
      };
      form.addEventListener("input", function () {
        link.href = mailto(value("to"), value("cc"), value("subject"), value("body"));
      });
    });
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy], [data-copy-from]");
    if (!button) return;
    var source = button.getAttribute("data-copy-from");
    var text = source ? document.getElementById(source).value : button.getAttribute("data-copy");
    copyText(text, button);
  });
})();
