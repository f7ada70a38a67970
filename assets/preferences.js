// Reading preferences: text size, spacing and background, kept in this browser's localStorage.
// No cookies and nothing sent anywhere. Loaded in <head> so the page is drawn with them at once.
(function () {
  "use strict";
  var NAMES = ["text-size", "line-spacing", "letter-spacing", "background"];
  var root = document.documentElement;

  function stored(name) {
    try { return window.localStorage.getItem("papers-" + name) || ""; } catch (e) { return ""; }
  }
  function apply(name, value) {
    if (value) { root.setAttribute("data-" + name, value); } else { root.removeAttribute("data-" + name); }
  }
  function save(name, value) {
    try {
      if (value) { window.localStorage.setItem("papers-" + name, value); } else { window.localStorage.removeItem("papers-" + name); }
    } catch (e) { /* storage refused: the choice lasts for this page only */ }
  }

  NAMES.forEach(function (name) { apply(name, stored(name)); });

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector(".preferences__form");
    if (!form) { return; }
    form.hidden = false;
    NAMES.forEach(function (name) {
      var select = form.querySelector('[data-preference="' + name + '"]');
      if (!select) { return; }
      select.value = stored(name);
      select.addEventListener("change", function () { apply(name, select.value); save(name, select.value); });
    });
    form.addEventListener("reset", function () {
      NAMES.forEach(function (name) { apply(name, ""); save(name, ""); });
    });
  });
})();
