// Live parts shared by every page: a websocket that reconnects (and re-joins its groups with
// a ping), and the notification bell in the header. Pages work without this file.
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

  function setupBell() {
    var count = document.querySelector("[data-bell-count]");
    if (!count) return;
    keepOpen("/ws/notifications/", function (data) {
      if (data.type !== "notification") return;
      var n = (parseInt(count.textContent, 10) || 0) + 1;
      count.textContent = String(n);
      count.classList.remove("is-zero");
      count.setAttribute("aria-label", n + " unread");
      var badge = document.querySelector("[data-bell-badge]");
      if (badge) {  // the same count on the phone's Menu button
        badge.hidden = false;
        badge.childNodes[1].textContent = String(n);
      }
    }, function () { count.setAttribute("data-live-connected", "true"); });
  }

  window.peersupportLive = { keepOpen: keepOpen };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setupBell);
  else setupBell();
})();
