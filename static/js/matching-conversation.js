// Live one-to-one peer conversation. Without this script the page still works by posting
// the form. Messages are stored by the server first; on every (re)connect we ask for what
// we missed since the last message we have.
(function () {
  "use strict";
  var chat = document.getElementById("chat");
  if (!chat || !window.WebSocket) return;
  var form = document.getElementById("chat-form");
  var status = document.getElementById("chat-status");
  var box = form ? form.querySelector("textarea") : null;
  var lastId = parseInt(chat.dataset.lastId || "0", 10);
  var me = chat.dataset.me;
  var socket = null;
  var retry = 1000;
  var pinger = null;

  function say(text) { if (status) status.textContent = text; }

  function append(msg) {
    if (msg.id <= lastId) return;
    lastId = msg.id;
    var empty = chat.querySelector(".chat-empty");
    if (empty) empty.remove();
    var li = document.createElement("li");
    li.className = "chat-message" + (String(msg.author_id) === me ? " mine" : "");
    li.dataset.id = msg.id;
    var author = document.createElement("span");
    author.className = "chat-author";
    author.textContent = msg.author;
    var body = document.createElement("div");
    body.className = "chat-body";
    body.dir = "auto";  // Hebrew or Arabic lines run right to left
    body.innerHTML = msg.html; // sanitised by the server when stored
    li.appendChild(author);
    li.appendChild(body);
    chat.appendChild(li);
    li.scrollIntoView({block: "nearest"});
  }

  function ended() {
    if (form) form.remove();
    say("");
    if (!document.getElementById("chat-ended")) {
      var p = document.createElement("p");
      p.className = "ended";
      p.id = "chat-ended";
      p.textContent = "This conversation has closed. Thank you for the time you shared.";
      chat.after(p);
    }
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + chat.dataset.wsPath);
    socket.addEventListener("open", function () {
      retry = 1000;
      say("");
      chat.dataset.live = "true";
      socket.send(JSON.stringify({type: "catch_up", after: lastId}));
      pinger = setInterval(function () {
        if (socket.readyState === 1) socket.send(JSON.stringify({type: "ping"}));
      }, 20000);
    });
    socket.addEventListener("message", function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "message") append(data);
      else if (data.type === "ended") ended();
      else if (data.type === "error") say(data.message);
    });
    socket.addEventListener("close", function (event) {
      clearInterval(pinger);
      chat.dataset.live = "false";
      if (event.code === 4404 || event.code === 4401) return;
      say("Reconnecting… your messages are safe.");
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    });
  }

  if (form && box) {
    form.addEventListener("submit", function (event) {
      if (!socket || socket.readyState !== 1) return; // fall back to a normal post
      event.preventDefault();
      var body = box.value.trim();
      if (!body) { say("Please write something first."); return; }
      socket.send(JSON.stringify({type: "message", body: body}));
      box.value = "";
      box.focus();
    });
  }
  connect();
})();
