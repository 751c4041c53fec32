// Live thread updates. Pages work without this file; it only
// adds what arrives while the page is open. The database is the truth: after a reconnect
// the page asks the server for everything since the last post it holds.
(function () {
  "use strict";

  var keepOpen = window.peersupportLive.keepOpen;

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

    // A post rendered once for every viewer carries no one's CSRF token: its small forms
    // (reactions, Moderate, Delete) get this page's own before they are shown.
    function withToken(node) {
      var mine = document.querySelector('input[name="csrfmiddlewaretoken"]');
      if (!mine) return;
      var forms = node.querySelectorAll('form[method="post"]');
      for (var i = 0; i < forms.length; i++) {
        if (forms[i].querySelector('input[name="csrfmiddlewaretoken"]')) continue;
        var token = document.createElement("input");
        token.type = "hidden";
        token.name = "csrfmiddlewaretoken";
        token.value = mine.value;
        forms[i].prepend(token);
      }
    }

    function place(frame) {
      var existing = document.getElementById("post-" + frame.id);
      var holder = document.createElement("div");
      holder.innerHTML = frame.html.trim();
      var fresh = holder.firstElementChild;
      if (!fresh) return;
      withToken(fresh);
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

  function ready() {
    setupThread();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
