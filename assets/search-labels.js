// Search results that land on a numbered paragraph are called by the heading they are under and the
// paragraph's first words ("MTFS Position: 11. The hidden harm of online…"), not "Paragraph 11.": Pagefind
// names a sub-result by its anchor's text, so each page gives the names in its `paragraphs` metadata
// (render.filters.paragraph_labels), and each result's data is relabelled as it is loaded. Used by header-search.js
// and search.js on their Pagefind instance.
(function () {
  "use strict";

  function relabel(result) {
    var load = result.data;
    result.data = function () {
      return load.apply(result, arguments).then(function (page) {
        var labels = {};
        try { labels = JSON.parse((page.meta && page.meta.paragraphs) || "{}"); } catch (e) { return page; }
        (page.sub_results || []).forEach(function (sub) {
          var id = (sub.url || "").split("#")[1];
          if (id && Object.prototype.hasOwnProperty.call(labels, id)) { sub.title = labels[id]; }
        });
        return page;
      });
    };
  }

  window.labelParagraphResults = function (instance) {
    var load = instance.__load__.bind(instance);
    instance.__load__ = function () {
      return load().then(function () {
        var pagefind = instance.__pagefind__;
        if (!pagefind || pagefind.labelsParagraphs) { return; }
        var search = pagefind.search.bind(pagefind);
        pagefind.search = function () {
          return search.apply(null, arguments).then(function (response) {
            if (response && response.results) { response.results.forEach(relabel); }
            return response;
          });
        };
        pagefind.labelsParagraphs = true;
      });
    };
  };
})();
