// Light and dark themes: the page follows the system until the reader picks one,
// and the pick is remembered. Without JavaScript the system setting still applies.
(function () {
  "use strict";
  var KEY = "quizapp-theme";
  var root = document.documentElement;
  var saved = null;
  try { saved = localStorage.getItem(KEY); } catch (e) { /* storage may be blocked */ }
  if (saved === "dark" || saved === "light") { root.dataset.theme = saved; }

  function current() {
    if (root.dataset.theme) { return root.dataset.theme; }
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-toggle");
    if (!button) { return; }
    function label() {
      var dark = current() === "dark";
      button.textContent = dark ? "Light theme" : "Dark theme";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
    }
    button.hidden = false;
    label();
    button.addEventListener("click", function () {
      root.dataset.theme = current() === "dark" ? "light" : "dark";
      try { localStorage.setItem(KEY, root.dataset.theme); } catch (e) { /* ignore */ }
      label();
    });
  });
})();
