// Counselor console: alerts arrive live; every heartbeat brings a fresh snapshot from the
// database, so a missed alert shows up within seconds anyway.
(function () {
  "use strict";
  var root = document.querySelector("[data-crisis-console]");
  if (!root) return;
  var queue = root.querySelector("[data-queue]");
  var myChats = root.querySelector("[data-my-chats]");
  var onDutyList = root.querySelector("[data-on-duty-list]");
  var allChats = root.querySelector("[data-all-chats]");  // supervisors only
  var connection = root.querySelector("[data-connection]");
  var csrf = root.querySelector('input[name="csrfmiddlewaretoken"]').value;
  var onDuty = root.dataset.onDuty === "1";
  var socket = null;
  var retry = 0;
  var heartbeat = null;
  var refresh = null;  // one pending snapshot request, however many changes arrive
  var known = {};
  var acked = {};  // ids acknowledged on this socket: a resent alert is not acknowledged twice
  var originalTitle = document.title;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function waited(seconds) {
    if (seconds < 60) return seconds + " s";
    return Math.floor(seconds / 60) + " min";
  }

  function queueItem(e) {
    var li = el("li", "queue-item risk-" + e.risk_level);
    li.dataset.escalationId = e.id;
    li.appendChild(el("span", "queue-risk", e.risk_level));
    li.appendChild(el("span", "queue-member", e.member));
    li.appendChild(el("span", "queue-trigger", e.trigger));
    li.appendChild(el("span", "queue-wait", "waiting " + waited(e.waiting_seconds)));
    if (e.transferred_to) li.appendChild(el("span", "queue-note", "transferred to " + e.transferred_to));
    var form = el("form", "inline-form");
    form.method = "post";
    form.action = "/crisis/console/" + e.id + "/claim/";
    var token = el("input");
    token.type = "hidden";
    token.name = "csrfmiddlewaretoken";
    token.value = csrf;
    var button = el("button", "", "Take this chat");
    button.type = "submit";
    form.appendChild(token);
    form.appendChild(button);
    li.appendChild(form);
    return li;
  }

  function renderQueue(items) {
    queue.textContent = "";
    if (!items.length) queue.appendChild(el("li", "queue-empty", "Nobody is waiting."));
    items.forEach(function (e) { queue.appendChild(queueItem(e)); });
  }

  function renderSnapshot(data) {
    renderQueue(data.queue);
    myChats.textContent = "";
    if (!data.my_chats.length) myChats.appendChild(el("li", "", "None right now."));
    data.my_chats.forEach(function (e) {
      var li = el("li");
      var a = el("a", "", e.member);
      a.href = e.url;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" · " + e.state + " · " + e.risk_level));
      myChats.appendChild(li);
    });
    if (allChats && data.all_chats) {
      allChats.textContent = "";
      if (!data.all_chats.length) allChats.appendChild(el("li", "", "None right now."));
      data.all_chats.forEach(function (e) {
        var li = el("li");
        var a = el("a", "", e.member);
        a.href = e.url;
        li.appendChild(a);
        li.appendChild(document.createTextNode(" with " + e.counselor + " · " + e.state));
        allChats.appendChild(li);
      });
    }
    onDutyList.textContent = "";
    if (!data.on_duty.length) onDutyList.appendChild(el("li", "", "Nobody is on duty."));
    data.on_duty.forEach(function (name) { onDutyList.appendChild(el("li", "", name)); });
    known = {};
    data.queue.forEach(function (e) {
      known[e.id] = e;
      // Shown here, so acknowledged: an alert lost with Redis still reaches the counselor.
      if (!e.acked) ack(e.id);
    });
  }

  function ack(id) {
    if (acked[id]) return;
    acked[id] = true;
    send({type: "ack", escalation_id: id});
  }

  function refreshSoon() {
    // A busy night brings many changes a second: ask for one fresh snapshot, not one each.
    if (refresh) return;
    refresh = setTimeout(function () { refresh = null; send({type: "heartbeat"}); }, 1000);
  }

  function onChanged(data) {
    if (data.state !== "open" && known[data.escalation_id]) {
      delete known[data.escalation_id];
      renderKnown();
    }
    refreshSoon();
  }

  function cue(loud) {
    root.classList.add("console-alerting");
    document.title = "(!) " + originalTitle;
    setTimeout(function () { root.classList.remove("console-alerting"); }, 4000);
    if (!onDuty) return;
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      var ctx = new Ctx();
      var osc = ctx.createOscillator();
      osc.frequency.value = loud ? 880 : 660;
      osc.connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + (loud ? 0.6 : 0.25));
    } catch (e) { /* sound may be blocked until the page is clicked */ }
  }

  function onAlert(data) {
    var e = data.escalation;
    ack(e.id);
    var isNew = !known[e.id];
    known[e.id] = e;
    renderKnown();
    if (isNew || data.page) cue(data.page);
  }

  function renderKnown() {
    var items = Object.keys(known).map(function (k) { return known[k]; });
    items.sort(function (a, b) {
      return a.priority - b.priority || (a.queued_at < b.queued_at ? -1 : 1);
    });
    renderQueue(items);
  }

  function send(message) {
    if (socket && socket.readyState === 1) socket.send(JSON.stringify(message));
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + "/ws/crisis/console/");
    socket.addEventListener("open", function () {
      retry = 0;
      acked = {};  // an ack sent on a socket that then dropped may never have arrived
      connection.hidden = true;
      root.dataset.live = "1";
      clearInterval(heartbeat);
      heartbeat = setInterval(function () { send({type: "heartbeat"}); }, 15000);
      send({type: "heartbeat"});
    });
    socket.addEventListener("message", function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.type === "snapshot") renderSnapshot(data);
      else if (data.type === "alert") onAlert(data);
      else if (data.type === "changed") onChanged(data);
      else if (data.type === "page") {
        cue(true);
        refreshSoon();
      } else if (data.type === "error") {
        connection.textContent = data.message;
        connection.hidden = false;
      }
    });
    socket.addEventListener("close", function (event) {
      root.dataset.live = "0";
      clearInterval(heartbeat);
      if (event.code === 4401 || event.code === 4403) return;
      connection.textContent = "Reconnecting to the live queue…";
      connection.hidden = false;
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 500 * retry);
    });
  }

  connect();
})();
