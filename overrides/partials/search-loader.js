/* Load the site's search (assets/search.js) once the reader searches; open it with / or s. */
(function () {
  "use strict";
  var toggle = document.getElementById("__search");
  var input = document.querySelector("[data-site-search] .md-search__input");
  if (!toggle || !input) return;
  var loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    var script = document.createElement("script");
    script.src = {{ search_script | tojson }};
    document.head.appendChild(script);
  }
  input.form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("focus", function () { toggle.checked = true; load(); });
  toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || toggle.checked) return;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (event.key === "/" || event.key === "s") {
      event.preventDefault();
      toggle.checked = true;
      input.focus();
    }
  });
})();
