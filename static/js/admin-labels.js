// The admin's autocomplete widgets (select2) leave their combobox, their search boxes and
// their list of chosen items without names a screen reader can announce, and put a bare
// <span> inside a <ul>. Each widget is named after its field (the <label>, or in a tabular
// inline the column's header) and mended again whenever select2 redraws it: a choice made
// or removed, the search opened or closed, an inline row added.
(function () {
  "use strict";

  // The element naming a select: its <label>, or its column's <th> in a tabular inline.
  function namer(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (!label) {
      var cell = select.closest("td[class*='field-']");
      var field = cell && cell.className.match(/field-([\w-]+)/);
      var table = cell && cell.closest("table");
      label = field && table && table.querySelector("th.column-" + field[1]);
    }
    if (label && !label.id) label.id = (select.id || select.name) + "-name";
    return label;
  }

  function nameOf(select) {
    var label = namer(select);
    return label ? label.textContent.replace(/:\s*$/, "").trim() : select.name;
  }

  function mend(container) {
    var select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") return;
    var label = namer(select);
    var combobox = container.querySelector('[role="combobox"]');
    var rendered = container.querySelector(".select2-selection__rendered");
    if (combobox && rendered && rendered.id && label) {
      // The field's name, then what is chosen: "Said by Nguyễn Phú Trọng".
      combobox.setAttribute("aria-labelledby", label.id + " " + rendered.id);
    } else if (combobox) {
      combobox.setAttribute("aria-label", nameOf(select));
    }
    if (combobox) {
      // An expanded combobox names the list it controls (select2 says only aria-owns).
      var owns = combobox.getAttribute("aria-owns");
      if (owns && combobox.getAttribute("aria-expanded") === "true") {
        combobox.setAttribute("aria-controls", owns);
      } else {
        combobox.removeAttribute("aria-controls");
      }
    }
    if (rendered && rendered.getAttribute("role") === "textbox") {
      // Only a display of the choice; the combobox is the control.
      rendered.removeAttribute("role");
      rendered.removeAttribute("aria-readonly");
    }
    container.querySelectorAll(".select2-search__field").forEach(function (field) {
      field.setAttribute("aria-label", "Search " + nameOf(select));
    });
    container.querySelectorAll("ul > .select2-selection__clear").forEach(function (clear) {
      clear.setAttribute("role", "listitem");
    });
  }

  // The open search of a single choice lives at the end of <body>, away from its select.
  function mendDropdown(dropdown) {
    var results = dropdown.querySelector(".select2-results__options[id]");
    var match = results && results.id.match(/^select2-(.+)-results$/);
    var select = match && document.getElementById(match[1]);
    if (!select) return;
    var name = nameOf(select);
    dropdown.setAttribute("role", "region");
    dropdown.setAttribute("aria-label", "Choices for " + name);
    dropdown.querySelectorAll(".select2-search__field").forEach(function (field) {
      field.setAttribute("aria-label", "Search " + name);
    });
  }

  function mendAll() {
    document.querySelectorAll(".select2-container").forEach(function (container) {
      if (container.parentElement === document.body) mendDropdown(container);
      else mend(container);
    });
  }

  var queued = false;
  function queue() {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(function () {
      queued = false;
      mendAll();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    mendAll();
    new MutationObserver(queue).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["aria-expanded"],
    });
  });
  window.addEventListener("load", mendAll);
})();
