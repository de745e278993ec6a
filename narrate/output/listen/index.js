/* narrate episode index: copy the feed address (clipboard API where allowed, else select+copy). */
(function () {
  "use strict";
  var button = document.getElementById("copy"), field = document.getElementById("feed-url");
  var status = document.getElementById("copied");
  if (!button || !field) return;
  button.hidden = false;
  function done(ok) {
    status.textContent = ok ? "Copied the feed address." : "Press Ctrl+C (or ⌘+C) to copy the selected address.";
  }
  function selectAndCopy() {
    field.focus();
    field.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    done(ok);
  }
  button.addEventListener("click", function () {
    // The clipboard API needs a secure context: loopback is one, a LAN address over http is not.
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { done(true); }, selectAndCopy);
    } else {
      selectAndCopy();
    }
  });
})();
