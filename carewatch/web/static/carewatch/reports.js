// carewatch report view: turn a text selection into evidence offsets for "add a label", and
// show only the fields of the chosen label kind. Loaded as a static file (the CSP forbids inline).
(function () {
  "use strict";

  function offsetIn(root, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(root);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function onSelection() {
    var root = document.getElementById("doctext");
    var start = document.getElementById("add-start");
    if (!root || !start) { return; }
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
    var range = sel.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) { return; }
    var a = offsetIn(root, range.startContainer, range.startOffset);
    var b = offsetIn(root, range.endContainer, range.endOffset);
    start.value = String(a);
    document.getElementById("add-end").value = String(b);
    document.getElementById("add-quote").value = sel.toString();
  }

  function showKind() {
    var select = document.getElementById("add-kind");
    if (!select) { return; }
    document.querySelectorAll("[data-for-kind]").forEach(function (el) {
      var on = el.getAttribute("data-for-kind") === select.value;
      el.hidden = !on;
      el.querySelectorAll("input, select").forEach(function (f) { f.disabled = !on; });
    });
  }

  document.addEventListener("mouseup", onSelection);
  document.addEventListener("keyup", onSelection);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "add-kind") { showKind(); }
  });
  document.addEventListener("DOMContentLoaded", showKind);
})();
