/*
 * Fetch the search index only when the reader searches.
 *
 * The theme requests search/search_index.json as soon as a page loads, which
 * costs every reader the whole index whether they search or not. This script
 * runs before the theme and holds that one request back until the search box
 * gets focus or the search overlay opens (or the address carries a search
 * term to highlight, ?h=...). Nothing else is changed.
 */
(function () {
  "use strict";
  var INDEX = /search\/search_index\.json$/;
  var waiting = [];
  var started = new URLSearchParams(location.search).has("h");

  function start() {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(function (send) { send(); });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__searchIndex = INDEX.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.__searchIndex || started) return send.apply(request, args);
    waiting.push(function () { send.apply(request, args); });
  };

  document.addEventListener("focusin", function (event) {
    if (event.target instanceof Element && event.target.matches("[data-md-component=search-query]")) start();
  });
  document.addEventListener("change", function (event) {
    if (event.target instanceof HTMLInputElement && event.target.id === "__search" && event.target.checked) start();
  });
})();
