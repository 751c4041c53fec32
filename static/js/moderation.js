// Review queue: live claims over the websocket, and revealing blurred content on request.
// Pages work without this file; the database is the truth on every load.
(function () {
  "use strict";

  function setupReveal() {
    var buttons = document.querySelectorAll("[data-reveal]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (event) {
        var button = event.currentTarget;
        var content = button.previousElementSibling;
        if (content && content.hasAttribute("data-blurred")) {
          content.classList.remove("is-blurred");
          content.removeAttribute("aria-hidden");
        }
        button.remove();
      });
    }
  }

  // Destructive actions ask once (the button says what will happen); without JavaScript the
  // form still works, as every page here does.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });

  function wsUrl(path) {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + window.location.host + path;
  }

  function applyEntry(frame, me) {
    var item = document.getElementById("entry-" + frame.id);
    if (!item) {
      var status = document.querySelector("[data-queue-status]");
      if (status && frame.state === "open") status.textContent = "New items are waiting: reload the page to see them.";
      return;
    }
    var claimStatus = item.querySelector("[data-claim-status]");
    var button = item.querySelector("[data-claim-button]");
    if (frame.state !== "open") {
      item.classList.add("is-resolved");
      if (claimStatus) claimStatus.textContent = "Dealt with";
      if (button) button.disabled = true;
      return;
    }
    var mine = frame.claimed_by_id === me;
    var other = frame.claimed_by_id !== null && !mine;
    item.classList.toggle("is-claimed", other);
    if (claimStatus) {
      claimStatus.textContent = other ? "Claimed by " + frame.claimed_by : (mine ? "You are looking at this" : "");
    }
    if (button) {
      button.disabled = other;
      button.textContent = mine ? "Open" : "Claim";
    }
  }

  function setupQueue() {
    var queue = document.getElementById("queue");
    if (!queue || !queue.dataset.wsPath) return;
    var me = parseInt(queue.dataset.me, 10);
    var status = document.querySelector("[data-queue-status]");
    var delay = 1000;
    var stopped = false;
    function connect() {
      var socket = new WebSocket(wsUrl(queue.dataset.wsPath));
      var pingTimer = null;
      socket.addEventListener("open", function () {
        delay = 1000;
        queue.dataset.liveConnected = "true";
        pingTimer = window.setInterval(function () {
          if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "ping" }));
        }, 25000);
      });
      socket.addEventListener("message", function (event) {
        var data;
        try { data = JSON.parse(event.data); } catch (e) { return; }
        if (data.type === "entry") applyEntry(data, me);
      });
      socket.addEventListener("close", function (event) {
        window.clearInterval(pingTimer);
        queue.dataset.liveConnected = "false";
        if (event.code === 4401 || event.code === 4404 || stopped) return;
        if (status) status.textContent = "Reconnecting… reload to be sure the queue is current.";
        window.setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
      });
      window.addEventListener("pagehide", function () { stopped = true; socket.close(); });
    }
    connect();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupReveal();
    setupQueue();
  });
})();
