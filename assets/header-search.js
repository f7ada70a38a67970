// Search in every page header. Without JavaScript the header holds a plain form that sends its words to the
// search page. With JavaScript, Pagefind's Component UI searchbox takes the form's place, so results appear
// as you type, with full keyboard support. The search page has its own search interface, so it keeps the form.
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
    config.setAttribute("bundle-path", form.getAttribute("data-bundle"));
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
    };
    document.body.appendChild(script);
  });
})();
