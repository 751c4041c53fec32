// The header's menu: a <details> that works without JavaScript. With it, the menu stays open
// on wide screens (where the links fit on the bar) and closes on phones after a choice, on
// Escape or on a tap elsewhere.
(function () {
  "use strict";
  var menu = document.querySelector("[data-site-menu]");
  if (!menu) return;
  var wide = window.matchMedia("(min-width: 48rem)");

  function fit() {
    menu.open = wide.matches;
    menu.classList.toggle("is-wide", wide.matches);
  }
  fit();
  if (wide.addEventListener) wide.addEventListener("change", fit);

  document.addEventListener("click", function (event) {
    if (wide.matches || !menu.open) return;
    if (!menu.contains(event.target)) menu.open = false;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open && !wide.matches) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();
