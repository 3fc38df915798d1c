// Samskab's only script of its own: start the design system's components,
// on page load and again on what htmx swaps in. No inline scripts anywhere (CSP).
(function () {
  "use strict";
  function start(scope) {
    if (window.DKFDS) {
      window.DKFDS.init(scope ? { scope: scope } : undefined);
    }
  }
  // The design system names the main menu's overflow button "Mere" whatever the page's
  // language; the page gives the word in its own language.
  function labelMoreButton() {
    var menu = document.querySelector(".navigation-menu[data-more-label]");
    var label = menu && menu.querySelector(".more-button span");
    if (label) {
      label.textContent = menu.dataset.moreLabel;
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    start();
    labelMoreButton();
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
