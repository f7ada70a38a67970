// The home page's announced meeting dates, told by the reader's own clock: which is next, or that the last
// has passed. The page itself says only what is true on any day (the dates the latest agenda announced), so
// that every build of the same papers is the same; without JavaScript that is what it says.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"];
    function longDate(iso) {
      var parts = iso.split("-");
      return Number(parts[2]) + " " + MONTHS[Number(parts[1]) - 1] + " " + parts[0];
    }
    var now = new Date();
    var today = [now.getFullYear(), String(now.getMonth() + 1).padStart(2, "0"),
                 String(now.getDate()).padStart(2, "0")].join("-");
    document.querySelectorAll("[data-announced]").forEach(function (element) {
      var dates = element.getAttribute("data-announced").split(" ").sort();
      var next = dates.filter(function (when) { return when >= today; })[0];
      var said = document.createElement("p");
      said.className = "announced-next";
      said.textContent = next ? "Next meeting: " + longDate(next) + "." :
        "The last meeting date announced, " + longDate(dates[dates.length - 1]) +
        ", has passed; no later meeting is published here yet.";
      element.parentNode.insertBefore(said, element);
    });
  });
})();
