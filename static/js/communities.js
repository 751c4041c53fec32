// Live thread updates and the notification bell. Pages work without this file; it only
// adds what arrives while the page is open. The database is the truth: after a reconnect
// the page asks the server for everything since the last post it holds.
(function () {
  "use strict";

  function wsUrl(path) {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + window.location.host + path;
  }

  function keepOpen(path, onMessage, onOpen, onStatus) {
    var delay = 1000;
    var socket = null;
    var pingTimer = null;
    var stopped = false;
    function connect() {
      socket = new WebSocket(wsUrl(path));
      socket.addEventListener("open", function () {
        delay = 1000;
        if (onStatus) onStatus("");
        if (onOpen) onOpen(socket);
        pingTimer = window.setInterval(function () {
          if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "ping" }));
        }, 25000);
      });
      socket.addEventListener("message", function (event) {
        var data;
        try { data = JSON.parse(event.data); } catch (e) { return; }
        onMessage(data);
      });
      socket.addEventListener("close", function (event) {
        window.clearInterval(pingTimer);
        if (event.code === 4401 || event.code === 4404 || stopped) return;
        if (onStatus) onStatus("Reconnecting… new replies will appear when we're back.");
        window.setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
      });
    }
    connect();
    window.addEventListener("pagehide", function () { stopped = true; if (socket) socket.close(); });
  }

  function setupThread() {
    var posts = document.getElementById("posts");
    if (!posts || !posts.dataset.wsPath) return;
    var appendNew = posts.dataset.threadLive === "true";
    var status = document.querySelector("[data-live-status]");
    var lastAt = posts.dataset.renderedAt || null;

    function lastId() {
      var items = posts.querySelectorAll("[data-post-id]");
      var max = 0;
      for (var i = 0; i < items.length; i++) {
        var id = parseInt(items[i].dataset.postId, 10);
        if (id > max) max = id;
      }
      return max;
    }

    function place(frame) {
      var existing = document.getElementById("post-" + frame.id);
      var holder = document.createElement("div");
      holder.innerHTML = frame.html.trim();
      var fresh = holder.firstElementChild;
      if (!fresh) return;
      if (existing) {
        // Keep an opened content warning open while its post is updated.
        var wasOpen = existing.querySelector("details[open]");
        if (wasOpen) {
          var details = fresh.querySelector("details");
          if (details) details.open = true;
        }
        existing.replaceWith(fresh);
      } else if (appendNew) {
        posts.appendChild(fresh);
      }
    }

    keepOpen(
      posts.dataset.wsPath,
      function (data) {
        if (data.at) lastAt = data.at;
        if (data.type === "post") place(data);
      },
      function (socket) {
        posts.setAttribute("data-live-connected", "true");
        socket.send(JSON.stringify({ type: "resync", after: lastId(), since: lastAt }));
      },
      function (text) { if (status) status.textContent = text; }
    );
  }

  function setupBell() {
    var count = document.querySelector("[data-bell-count]");
    if (!count) return;
    keepOpen("/ws/notifications/", function (data) {
      if (data.type !== "notification") return;
      var n = (parseInt(count.textContent, 10) || 0) + 1;
      count.textContent = String(n);
      count.classList.remove("is-zero");
    }, function () { count.setAttribute("data-live-connected", "true"); });
  }

  function ready() {
    setupThread();
    setupBell();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
