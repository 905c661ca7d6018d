// The header menu folds behind its button on narrow screens (a phone's header would otherwise fill a third
// of the screen). Without this script the menu simply stays open.
(function () {
  var menu = document.currentScript && document.currentScript.previousElementSibling;
  if (!menu || !window.matchMedia) return;
  var narrow = window.matchMedia("(max-width: 47.99rem)");
  function fit() { menu.open = !narrow.matches; }
  fit();
  narrow.addEventListener("change", fit);
})();
