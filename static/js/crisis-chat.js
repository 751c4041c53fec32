// Crisis chat: live over a websocket, with the page's form as the fallback when it is down.
// The server sends the whole history on every (re)connect, so nothing depends on a single
// live message arriving.
(function () {
  "use strict";
  var root = document.querySelector("[data-crisis-chat]");
  if (!root) return;
  var escalationId = root.dataset.escalationId;
  var role = root.dataset.role;
  var log = root.querySelector("[data-chat-log]");
  var form = root.querySelector("[data-chat-form]");
  var input = root.querySelector("[data-chat-input]");
  var typingLine = root.querySelector("[data-typing]");
  var connection = root.querySelector("[data-connection]");
  var status = root.querySelector("[data-status]");
  var socket = null;
  var retry = 0;
  var pingTimer = null;
  var typingTimer = null;
  var lastTypingSent = 0;
  var mySide = role === "member" ? ["member"] : ["counselor", "supervisor", "supporter"];
  // Lines sent but not yet confirmed stored; sent again (same id) after a reconnect.
  var unconfirmed = {};

  function setConnection(text) {
    if (!connection) return;
    connection.textContent = text || "";
    connection.hidden = !text;
  }

  function lineFor(message) {
    var li = document.createElement("li");
    li.className = "chat-line chat-" + message.author_kind;
    li.dataset.messageId = message.id;
    if (message.client_id) li.dataset.clientId = message.client_id;
    var who = document.createElement("span");
    who.className = "chat-author";
    who.textContent = message.author;
    var body = document.createElement("span");
    body.className = "chat-body";
    body.dir = "auto";  // Hebrew or Arabic lines run right to left
    body.textContent = message.body;
    var mark = document.createElement("span");
    mark.className = "chat-mark";
    if (mySide.indexOf(message.author_kind) !== -1) mark.textContent = message.read ? "read" : "delivered";
    li.appendChild(who);
    li.appendChild(body);
    li.appendChild(mark);
    return li;
  }

  function addMessage(message) {
    if (log.querySelector('[data-message-id="' + message.id + '"]')) return;
    var pending = message.client_id && log.querySelector('[data-client-id="' + message.client_id + '"]');
    var li = lineFor(message);
    if (pending) log.replaceChild(li, pending); else log.appendChild(li);
    li.scrollIntoView({block: "nearest"});
    if (mySide.indexOf(message.author_kind) === -1 && message.author_kind !== "system") markRead(message.id);
  }

  function markRead(id) {
    if (document.visibilityState === "visible" && socket && socket.readyState === 1) {
      socket.send(JSON.stringify({type: "read", up_to_id: id}));
    }
  }

  var leaving = false;  // a form (close, transfer) is taking this page elsewhere
  document.addEventListener("submit", function (event) {
    if (!event.defaultPrevented && event.target !== form) leaving = true;
  });

  function reloadForNewState() {
    if (!leaving) window.location.reload();
  }

  function showState(state, counselor) {
    root.dataset.state = state;
    if (state === "closed" || state === "abandoned") { reloadForNewState(); return; }
    if (!status) return;
    if (role === "member" && (state === "claimed" || state === "active") && counselor) {
      status.textContent = counselor + " (crisis counselor) is with you.";
    }
  }

  function showHotlinesNow() {
    if (root.querySelector("[data-hotlines-now]")) return;
    var box = document.createElement("div");
    box.className = "crisis-alert";
    box.setAttribute("role", "alert");
    box.dataset.hotlinesNow = "";
    var p = document.createElement("p");
    p.textContent = "No counselor is free right now. Please don't wait for us: call or text 988 now. " +
      "If you are in danger, call 911. A counselor will still answer you here as soon as one is free.";
    box.appendChild(p);
    var heading = root.querySelector("h1");
    heading.parentNode.insertBefore(box, heading.nextSibling);
  }

  function onFrame(data) {
    switch (data.type) {
      case "history":
        data.messages.forEach(addMessage);
        data.messages.forEach(function (m) { delete unconfirmed[m.client_id]; });
        Object.keys(unconfirmed).forEach(function (clientId) {
          socket.send(JSON.stringify({type: "message", body: unconfirmed[clientId], client_id: clientId}));
        });
        showStatus(data);
        if (data.told_hotlines && data.state === "open" && role === "member") showHotlinesNow();
        break;
      case "pong":
        showStatus(data);
        break;
      case "message":
        addMessage(data.message);
        break;
      case "stored":
        delete unconfirmed[data.client_id];
        var pending = log.querySelector('[data-client-id="' + data.client_id + '"] .chat-mark');
        if (pending) pending.textContent = "delivered";
        break;
      case "state":
        showState(data.state, data.counselor);
        break;
      case "typing":
        if (!typingLine) break;
        typingLine.textContent = data.name + " is typing…";
        typingLine.hidden = false;
        clearTimeout(typingTimer);
        typingTimer = setTimeout(function () { typingLine.hidden = true; }, 4000);
        break;
      case "read":
        log.querySelectorAll(".chat-line").forEach(function (li) {
          var mark = li.querySelector(".chat-mark");
          if (mark && mark.textContent && Number(li.dataset.messageId) <= data.up_to_id) mark.textContent = "read";
        });
        break;
      case "risk":
        var risk = root.querySelector("[data-risk]");
        if (risk) {
          risk.textContent = data.risk_level;
          risk.className = "risk risk-" + data.risk_level;
        }
        var why = root.querySelector("[data-risk-reasons]");
        if (why && data.reasons.length) {
          why.replaceChildren();
          data.reasons.forEach(function (reason) {
            var li = document.createElement("li");
            li.textContent = reason.charAt(0).toUpperCase() + reason.slice(1);
            why.appendChild(li);
          });
        }
        setConnection("Risk has risen to " + data.risk_level + " from what was just written.");
        break;
      case "quiet":
        setConnection("The member has been quiet and away for a while. A gentle check-in may help; " +
                      "if they have gone, close with \u201cMember left\u201d.");
        break;
      case "hotlines":
        if (role === "member") showHotlinesNow();
        break;
      case "error":
        setConnection(data.message);
        break;
    }
  }

  function showStatus(data) {
    if (data.state !== root.dataset.state && (data.state === "closed" || data.state === "abandoned")) {
      reloadForNewState();
      return;
    }
    var place = root.querySelector("[data-queue-position]");
    if (place && data.queue_position) place.textContent = "number " + data.queue_position;
    if (data.state !== "open") showState(data.state, data.counselor);
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + "/ws/crisis/chat/" + escalationId + "/");
    socket.addEventListener("open", function () {
      retry = 0;
      setConnection("");
      root.dataset.live = "1";
      clearInterval(pingTimer);
      pingTimer = setInterval(function () {
        if (socket.readyState === 1) socket.send(JSON.stringify({type: "ping"}));
      }, 10000);
    });
    socket.addEventListener("message", function (event) {
      try { onFrame(JSON.parse(event.data)); } catch (e) { /* ignore a bad frame */ }
    });
    socket.addEventListener("close", function (event) {
      root.dataset.live = "0";
      clearInterval(pingTimer);
      if (event.code === 4401 || event.code === 4403) return;
      setConnection("Reconnecting… You can still send messages: they are saved.");
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 500 * retry);
    });
  }

  function newClientId() {
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      var body = input.value.trim();
      if (!body) { event.preventDefault(); return; }
      var clientId = newClientId();
      form.querySelector('input[name="client_id"]').value = clientId;
      if (!socket || socket.readyState !== 1) return;  // the form posts it instead
      event.preventDefault();
      var li = lineFor({id: "pending-" + clientId, author_kind: role, author: "You", body: body,
                        client_id: clientId, read: false});
      li.querySelector(".chat-mark").textContent = "sending…";
      log.appendChild(li);
      unconfirmed[clientId] = body;
      socket.send(JSON.stringify({type: "message", body: body, client_id: clientId}));
      input.value = "";
      input.focus();
    });
    input.addEventListener("input", function () {
      var now = Date.now();
      if (socket && socket.readyState === 1 && now - lastTypingSent > 3000) {
        lastTypingSent = now;
        socket.send(JSON.stringify({type: "typing"}));
      }
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  root.querySelectorAll("[data-canned-text]").forEach(function (button) {
    button.addEventListener("click", function () {
      input.value = (input.value ? input.value + " " : "") + button.dataset.cannedText;
      input.focus();
    });
  });

  if (root.dataset.state === "open" || root.dataset.state === "claimed" || root.dataset.state === "active") {
    connect();
  }
})();
