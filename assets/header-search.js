// Search in every page header. Without JavaScript the header holds a plain form that sends its words to the
// search page. With JavaScript, Pagefind's Component UI searchbox takes the form's place, so results appear
// as you type, with full keyboard support; Enter, unless a result was chosen with the arrow keys, goes to the
// search page as the form does. The search page has its own search interface, so it keeps the form.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector(".search-form");
    if (!form || document.querySelector(".search-ui")) { return; }

    var box = document.createElement("div");
    box.className = "header-searchbox search-ui";
    box.hidden = true;
    var config = document.createElement("pagefind-config");
    config.setAttribute("instance", "header");
    // Pagefind resolves a relative bundle path from its own script, not from the page: the home page's
    // "pagefind/" became /pagefind/pagefind/. The path from this page's address works under any base URL.
    config.setAttribute("bundle-path", new URL(form.getAttribute("data-bundle"), document.baseURI).pathname);
    var searchbox = document.createElement("pagefind-searchbox");
    searchbox.setAttribute("instance", "header");
    searchbox.setAttribute("show-sub-results", "");
    searchbox.setAttribute("hide-shortcut", "");
    searchbox.setAttribute("placeholder", "Search the papers, for example EHCP");
    box.appendChild(config);
    box.appendChild(searchbox);
    form.parentNode.insertBefore(box, form.nextSibling);

    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = form.getAttribute("data-style");
    document.head.appendChild(style);
    var script = document.createElement("script");
    script.src = form.getAttribute("data-script");
    script.onload = function () {
      form.hidden = true;
      box.hidden = false;
      window.labelParagraphResults(window.PagefindComponents.getInstanceManager().getInstance("header"));
    };
    // Enter goes to the search page with the words, as the plain form does, unless a result was chosen with
    // the arrow keys (the searchbox marks its first result as if chosen, so its mark is not enough). Seen
    // before the searchbox's own handler, in the capturing phase.
    var chosen = false;
    box.addEventListener("input", function () { chosen = false; }, true);
    box.addEventListener("keydown", function (event) {
      var input = event.target;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") { chosen = true; }
      if (event.key !== "Enter" || input.tagName !== "INPUT" || chosen) { return; }
      var words = input.value.trim();
      if (!words) { return; }
      event.preventDefault();
      event.stopPropagation();
      window.location.href = form.getAttribute("action") + "?q=" + encodeURIComponent(words);
    }, true);
    document.body.appendChild(script);
  });
})();
