// A large listing's coverage chart follows its page: <section data-later="URL"> is replaced by
// the chart section fetched from URL (counted there, then remembered for the next reader).
// Without JavaScript the section's link asks the page itself to count it.
(function () {
  "use strict";

  function load(section) {
    var status = section.querySelector("[role=status]");
    section.setAttribute("aria-busy", "true");
    fetch(section.dataset.later, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        var template = document.createElement("template");
        template.innerHTML = html.trim();
        var chart = template.content.querySelector("section.coverage");
        if (chart) {
          section.replaceWith(chart);
        } else {
          section.remove(); // no dated articles: nothing to draw
        }
      })
      .catch(function () {
        section.removeAttribute("aria-busy");
        if (status) {
          status.insertBefore(
            document.createTextNode("图表未能载入。"),
            status.firstChild
          );
        }
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("section.coverage[data-later]").forEach(load);
  });
})();
