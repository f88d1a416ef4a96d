// Newsroom enhancements; every screen works without them.
(function () {
  "use strict";
  var body = document.querySelector("textarea[data-preview]");
  if (!body) { return; }
  var target = document.querySelector(body.getAttribute("data-preview"));
  var section = document.getElementById("live-preview-section");
  var form = body.form;
  var csrf = form.querySelector("input[name=_csrf]");
  var timer = null;
  function render() {
    var data = new URLSearchParams();
    data.append("body", body.value);
    if (csrf) { data.append("_csrf", csrf.value); }
    fetch("/admin/articles/preview", { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { target.innerHTML = html; section.hidden = false; })
      .catch(function () { section.hidden = true; });
  }
  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(render, 400);
  });
})();
