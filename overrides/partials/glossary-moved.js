/* On the glossary's index: a term's anchor is its link to the entry's page; follow it, so old links land on the entry. */
(function () {
  "use strict";
  function follow() {
    var link = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (link && link.classList.contains("glossary-moved")) location.replace(link.href);
  }
  follow();
  window.addEventListener("hashchange", follow);
})();
