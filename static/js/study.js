// Anki's keys for the review loop. Every key only clicks a button that is also
// reachable with Tab, so the page works the same without this script.
(function () {
  "use strict";

  function click(selector) {
    var element = document.querySelector(selector);
    if (element) { element.click(); return true; }
    return false;
  }

  function typing(target) {
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
                      target.tagName === "SELECT" || target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (typing(event.target)) {
      // Letters go into the answer box; Escape leaves it so the shortcuts work again.
      if (event.key === "Escape") { focusCard(); }
      return;  // Enter in the answer box submits its form
    }
    var key = event.key;
    // Enter and Space keep their own meaning on links, buttons and the shortcut list.
    var onControl = event.target.closest && event.target.closest("a, button, summary");
    if ((key === " " || key === "Enter") && !onControl) {
      if (click("#reveal") || click("#grade-good")) { event.preventDefault(); }
    } else if (key >= "1" && key <= "4") {
      if (click('button[data-rating="' + key + '"]')) { event.preventDefault(); }
    } else if (key === "u") {
      click("#undo-button");
    } else if (key === "s") {
      click("#suspend-button");
    } else if (key === "b") {
      click("#bury-button");
    } else if (key === "?") {
      var help = document.getElementById("shortcuts");
      if (help) { help.open = !help.open; }
    }
  });

  function focusCard() {
    var heading = document.querySelector("[data-card-heading]");
    if (heading) { heading.focus(); }
  }

  // After each swap, put focus where the next action is: the answer box, the
  // grade buttons, or the card's heading so screen readers read the new card.
  // htmx restores focus to an element with the old focused element's id first,
  // so this runs on the next tick, after it.
  function focusNext() {
    var target = document.getElementById("typed") || document.getElementById("grade-good") ||
                 document.querySelector("[data-card-heading]") ||
                 document.getElementById("finished-heading");
    if (target) { target.focus(); }
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target.id === "study") { window.setTimeout(focusNext, 0); }
  });
  document.addEventListener("DOMContentLoaded", focusNext);
})();
