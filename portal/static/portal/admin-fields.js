// Names the inputs Wagtail's page editor leaves without one, so a screen reader announces them
// (axe-core: "label" on the tag field's text input, "aria-input-field-name" on the rich-text
// editor's text box). Each takes the name of the field it belongs to. Loaded on every admin page
// by portal/wagtail_hooks.py; a file, since the portal's security policy forbids inline scripts.
(function () {
  "use strict";

  function fieldLabel(element) {
    // The widget stands beside the field's own (hidden) input, whose <label for> names the
    // field: in a panel's heading, or above the field.
    var field = element.closest(".w-field") || element.closest("[data-field-wrapper]");
    var input = field && field.querySelector("input[id], textarea[id]");
    var label = input && document.querySelector('label[for="' + input.id + '"]');
    if (label) return label;
    // A block of a StreamField: the nearest label or heading above it.
    for (var node = element.parentElement; node; node = node.parentElement) {
      var named = node.querySelector("label, .w-field__label, h2, h3");
      if (named && !named.contains(element)) return named;
    }
    return null;
  }

  function nameFields() {
    document
      .querySelectorAll(".ui-autocomplete-input:not([aria-label]):not([aria-labelledby])")
      .forEach(function (input) {
        var label = fieldLabel(input);
        if (label) input.setAttribute("aria-label", label.textContent.trim());
      });
    document
      .querySelectorAll('[role="textbox"][contenteditable]:not([aria-label]):not([aria-labelledby])')
      .forEach(function (box) {
        var label = fieldLabel(box);
        if (label) box.setAttribute("aria-label", label.textContent.replace("*", "").trim());
      });
  }

  function start() {
    nameFields();
    // Draftail and the tag field render after the page loads, and blocks are added later.
    new MutationObserver(nameFields).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
