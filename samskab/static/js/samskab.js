// Samskab's only script of its own: start the design system's components,
// on page load and again on what htmx swaps in, and small helps for forms.
// No inline scripts anywhere (CSP); every page works without it.
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
    // What htmx loaded in place of the link that asked for it (older comments) gets
    // the focus that link had, so keyboard and screen reader users read on from there.
    document.body.addEventListener("htmx:afterSettle", function () {
      var next = document.querySelector("[data-focus-on-swap]");
      if (next) {
        next.removeAttribute("data-focus-on-swap");
        next.focus();
      }
    });
    findComment();
    window.addEventListener("hashchange", findComment);
    // Auto-submitting filter forms: change a select, get the list.
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () {
        select.form.requestSubmit();
      });
    });
    // Forms sent once: while one is on its way, its buttons are disabled and say so.
    // (The server makes one idea of a form sent twice anyway; this spares the wait.)
    document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.hasAttribute("data-sending")) {
          event.preventDefault();
          return;
        }
        form.setAttribute("data-sending", "");
        form.setAttribute("aria-busy", "true");
        form.querySelectorAll("button[type=submit]").forEach(function (button) {
          button.disabled = true;
          if (button.dataset.sendingLabel) {
            button.dataset.label = button.textContent;
            button.textContent = button.dataset.sendingLabel;
          }
        });
      });
    });
  });
  // An older link to a comment (#kommentar-12) that is not on this page of the
  // conversation: ask for the page that has it (links made now say so themselves).
  function findComment() {
    var anchor = /^#kommentar-(\d+)$/.exec(window.location.hash);
    var params = new URLSearchParams(window.location.search);
    if (anchor && !document.getElementById(anchor[0].slice(1)) && !params.has("kommentar")) {
      params.set("kommentar", anchor[1]);
      window.location.replace(window.location.pathname + "?" + params.toString() + anchor[0]);
    }
  }
  // Back to a page from the browser's cache: its forms can be sent again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      form.removeAttribute("data-sending");
      form.removeAttribute("aria-busy");
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = false;
        if (button.dataset.label) {
          button.textContent = button.dataset.label;
        }
      });
    });
  });
})();
