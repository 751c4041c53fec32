// Installs the service worker that keeps the help page for when there is no network, and
// offers a way to forget it (Quick exit calls it on the way out).
(function () {
  "use strict";
  window.peersupportForgetOffline = function () {
    var done = [];
    if ("serviceWorker" in navigator) {
      done.push(navigator.serviceWorker.getRegistrations().then(function (registrations) {
        return Promise.all(registrations.map(function (r) { return r.unregister(); }));
      }));
    }
    if (window.caches) {
      done.push(caches.keys().then(function (keys) {
        return Promise.all(keys.map(function (key) { return caches.delete(key); }));
      }));
    }
    return Promise.all(done);
  };
  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js").catch(function () { /* offline help is extra */ });
    });
  }
})();
