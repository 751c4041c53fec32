// Quick exit: leave for a neutral site at once, by button or by pressing Escape twice.
// The platform keeps to a single entry in the browser's history (links replace the
// current entry), so after a quick exit the Back button cannot return here.
(function () {
  "use strict";
  // Scripts run here: notes for people without JavaScript ([data-no-script-note]) hide.
  document.documentElement.classList.add("js");
  var ESC_WINDOW_MS = 1000;
  var KEY = "peersupport.lastEscape";
  var lastEscapeFallback = 0;

  // Remembered across page loads, so two presses count even while a new page is loading.
  function lastEscape() {
    try { return Number(window.sessionStorage.getItem(KEY)) || 0; }
    catch (e) { return lastEscapeFallback; }
  }
  function setLastEscape(value) {
    lastEscapeFallback = value;
    try { window.sessionStorage.setItem(KEY, String(value)); } catch (e) { /* private mode */ }
  }

  function exitUrl() {
    return (document.body && document.body.dataset.quickExitUrl) || "https://weather.com/";
  }

  function quickExit() {
    try {
      document.documentElement.style.visibility = "hidden";
      document.title = "";
    } catch (e) { /* leave anyway */ }
    // Leave no offline copy behind (offline.js): begun now, it never delays leaving.
    var leave = function () { window.location.replace(exitUrl()); };
    var forget = window.peersupportForgetOffline;
    if (!forget) { leave(); return; }
    var left = false;
    var go = function () { if (!left) { left = true; leave(); } };
    forget().then(go, go);
    window.setTimeout(go, 150);  // never wait longer than this
  }
  window.peersupportQuickExit = quickExit;

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape() <= ESC_WINDOW_MS) {
      setLastEscape(0);
      quickExit();
    } else {
      setLastEscape(now);
    }
  }, true);

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-quick-exit]");
    if (button) {
      event.preventDefault();
      quickExit();
      return;
    }
    if (event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.target || link.hasAttribute("download")) return;
    var url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || url.protocol.indexOf("http") !== 0) return;
    if (url.pathname === window.location.pathname && url.hash) return;
    // Replace instead of push: no trail of platform pages behind the current one.
    event.preventDefault();
    window.location.replace(url.href);
  });
})();
