// The search page: show the search interface (it needs JavaScript) and run the search in the address (?q=),
// so the search form in every page header works with or without JavaScript on the page it was sent from.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var ui = document.querySelector(".search-ui");
    if (!ui || !window.PagefindComponents) { return; }
    ui.hidden = false;
    var fallback = document.querySelector(".search-nojs");
    if (fallback) { fallback.hidden = true; }
    var query = new URLSearchParams(window.location.search).get("q");
    var header = document.getElementById("site-search");
    if (header && query) { header.value = query; }
    if (!query) { return; }
    customElements.whenDefined("pagefind-input").then(function () {
      var input = ui.querySelector("pagefind-input input");
      if (input) { input.value = query; }
      window.PagefindComponents.getInstanceManager().getInstance("default").triggerSearch(query);
    });
  });
})();
