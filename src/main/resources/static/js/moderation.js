// Keyboard shortcuts for the moderation queue; every action also works with the buttons.
// j / k: next / previous comment, a: approve, r: reject with the chosen reason, e: edit, x: tick.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".queue-item"));
  var all = document.getElementById("select-all");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll("input[name=ids]").forEach(function (box) { box.checked = all.checked; });
    });
  }
  if (!items.length) { return; }
  var current = 0;
  function focus(i) {
    current = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (el) { el.classList.remove("current"); });
    items[current].classList.add("current");
    items[current].focus();
  }
  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "textarea" || tag === "input" || tag === "select" || e.ctrlKey || e.metaKey || e.altKey) { return; }
    var item = items[current];
    if (e.key === "j") { focus(current + 1); e.preventDefault(); }
    else if (e.key === "k") { focus(current - 1); e.preventDefault(); }
    else if (e.key === "x") { var box = item.querySelector("input[name=ids]"); box.checked = !box.checked; e.preventDefault(); }
    else {
      var target = item.querySelector("[data-key='" + e.key + "']");
      if (target) { target.click(); e.preventDefault(); }
    }
  });
  focus(0);
})();
