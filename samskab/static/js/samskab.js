// Samskab's only script of its own: start the design system's components,
// on page load and again on what htmx swaps in. No inline scripts anywhere (CSP).
(function () {
  "use strict";
  function start(scope) {
    if (window.DKFDS) {
      window.DKFDS.init(scope ? { scope: scope } : undefined);
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    start();
    document.body.addEventListener("htmx:afterSwap", function (event) {
      start(event.detail.target);
    });
    // Auto-submitting filter forms: change a select, get the list.
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () {
        select.form.requestSubmit();
      });
    });
  });
})();
