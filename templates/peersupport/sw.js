{% load static %}// The service worker (issue 20, part 8): with no network, a person still sees what to call.
// It keeps one public page, /help/, fetched without cookies (so nothing private is ever
// stored), and the styles it needs. Every page is fetched from the network first; only when
// that fails does the help page answer. Sign-out (Clear-Site-Data) and Quick exit remove it.
"use strict";
var CACHE = "peersupport-offline-1";
var OFFLINE_PAGE = "{% url 'get_help' %}";
var ASSETS = ["{% static 'css/site.css' %}", "{% static 'css/crisis.css' %}", "{% static 'img/icon.svg' %}"];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      var page = fetch(OFFLINE_PAGE, { credentials: "omit" }).then(function (response) {
        if (!response.ok) throw new Error("the help page did not load");
        return cache.put(OFFLINE_PAGE, response);
      });
      return Promise.all([page, cache.addAll(ASSETS)]);
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key !== CACHE; })
        .map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () { return caches.match(OFFLINE_PAGE); }));
    return;
  }
  if (ASSETS.indexOf(new URL(request.url).pathname) !== -1) {
    event.respondWith(fetch(request).catch(function () { return caches.match(request); }));
  }
});
