/* Glossary tooltips (builder/tooltips.py): hover and keyboard focus work with
   CSS alone; this adds tap (the first tap on a term opens its definition, the
   second follows the link), Escape to dismiss, and keeps a tip inside the
   window. Without it every term is still a plain link to its entry. */
(function () {
  "use strict";
  var WRAPPER = ".glossary-term";
  var lastPointer = "mouse";

  function wrapperOf(node) {
    return node && node.closest ? node.closest(WRAPPER) : null;
  }

  function closeAll(except) {
    document.querySelectorAll(WRAPPER + ".is-open").forEach(function (open) {
      if (open !== except) {
        open.classList.remove("is-open");
      }
    });
  }

  /* Shift a tip left when it would run past the right edge of the window. */
  function place(wrapper) {
    var tip = wrapper.querySelector(".glossary-term__tip");
    if (!tip) {
      return;
    }
    tip.style.left = "";
    var box = tip.getBoundingClientRect();
    var room = document.documentElement.clientWidth - 8;
    if (box.right > room) {
      tip.style.left = Math.min(0, room - box.right) + "px";
    }
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (!wrapperOf(event.target)) {
      closeAll(null);
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".glossary-term__link") : null;
    // event.detail is 0 for a click made with the keyboard (Enter follows the link).
    if (!link || lastPointer !== "touch" || event.detail === 0) {
      return;
    }
    var wrapper = wrapperOf(link);
    if (!wrapper.classList.contains("is-open")) {
      event.preventDefault();
      closeAll(wrapper);
      wrapper.classList.remove("is-dismissed");
      wrapper.classList.add("is-open");
      place(wrapper);
    }
  });

  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var wrapper = wrapperOf(event.target);
      if (wrapper) {
        place(wrapper);
      }
    });
  });

  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var wrapper = wrapperOf(event.target);
      if (wrapper && !wrapper.contains(event.relatedTarget)) {
        wrapper.classList.remove("is-dismissed");
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var shown = document.querySelectorAll(WRAPPER + ":hover, " + WRAPPER + ":focus-within, " + WRAPPER + ".is-open");
    shown.forEach(function (wrapper) {
      wrapper.classList.remove("is-open");
      wrapper.classList.add("is-dismissed");
    });
  });
})();
