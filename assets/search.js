// The search page. It shows the search interface (which needs JavaScript), configures Pagefind for the
// order asked for in the address (?sort=date: newest first), then runs the search in the address (?q=),
// so the search form in every page header works whether or not JavaScript runs on the page it is on. As the
// words change, the address keeps them.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var ui = document.querySelector(".search-ui");
    if (!ui) { return; }
    var params = new URLSearchParams(window.location.search);
    var query = params.get("q") || "";
    var byDate = params.get("sort") === "date";

    // Attributes of <pagefind-config> are read once, so it is made before the components load.
    var config = document.createElement("pagefind-config");
    config.setAttribute("bundle-path", new URL(ui.getAttribute("data-bundle"), document.baseURI).pathname);
    if (byDate) { config.setAttribute("sort", "date:desc"); }
    ui.insertBefore(config, ui.firstChild);

    function orderLink(selector, sortByDate) {
      var link = ui.querySelector(selector);
      var next = new URLSearchParams();
      if (query) { next.set("q", query); }
      if (sortByDate) { next.set("sort", "date"); }
      link.setAttribute("href", "?" + next.toString());
      if (sortByDate === byDate) { link.setAttribute("aria-current", "true"); }
    }
    orderLink(".search-order__relevance", false);
    orderLink(".search-order__date", true);

    // Pagefind 1.5's components have no sort setting, so "newest first" asks Pagefind itself for it.
    function sortByDate(instance) {
      var load = instance.__load__.bind(instance);
      instance.__load__ = function () {
        return load().then(function () {
          var pagefind = instance.__pagefind__;
          if (pagefind && !pagefind.sortedByDate) {
            var search = pagefind.search.bind(pagefind);
            pagefind.search = function (term, options) {
              return search(term, Object.assign({}, options, { sort: { date: "desc" } }));
            };
            pagefind.sortedByDate = true;
          }
        });
      };
    }

    var script = document.createElement("script");
    script.src = ui.getAttribute("data-script");
    script.onload = function () {
      ui.hidden = false;
      var fallback = document.querySelector(".search-nojs");
      if (fallback) { fallback.hidden = true; }
      // One search box on this page: the header's plain form is for pages without this interface.
      var headerForm = document.querySelector(".search-form");
      if (headerForm) { headerForm.hidden = true; }
      var instance = window.PagefindComponents.getInstanceManager().getInstance("default");
      if (byDate) { sortByDate(instance); }
      window.labelParagraphResults(instance);
      customElements.whenDefined("pagefind-input").then(function () {
        var input = ui.querySelector("pagefind-input input");
        if (input) {
          input.value = query;
          // Keep the address in step with the search, so the order links and the back button keep it.
          input.addEventListener("input", function () {
            query = input.value;
            orderLink(".search-order__relevance", false);
            orderLink(".search-order__date", true);
            // The words in the address (?q=): Back from a result returns to these results, and the address
            // can be shared.
            var address = new URLSearchParams(window.location.search);
            if (query.trim()) { address.set("q", query); } else { address.delete("q"); }
            var search = address.toString();
            window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
          });
        }
        if (query) { window.PagefindComponents.getInstanceManager().getInstance("default").triggerSearch(query); }
      });
    };
    document.body.appendChild(script);
  });
})();
