// Reloads the search index page while a rebuild runs, so its progress moves; the page works without it.
(function () {
  "use strict";
  if (document.querySelector("[data-rebuilding]")) {
    setTimeout(function () { window.location.reload(); }, 2000);
  }
})();
