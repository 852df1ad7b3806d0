// Live updates for the queue pages (progressive: the pages work without it).
// The board (#bang) and the ticket (#ve) listen to /xep-hang/{unit}/su-kien and read the state
// again on each change; the board reads each new call aloud in Vietnamese, one after another.
(function () {
  "use strict";
  var board = document.getElementById("bang");
  var ticket = document.getElementById("ve");
  var unit = board ? board.dataset.unit : ticket ? ticket.dataset.unit : null;
  var printButton = document.getElementById("in-ve");
  if (printButton) printButton.addEventListener("click", function () { window.print(); });
  if (!unit) return;

  var heard = {};      // ticket id + call count already announced
  var first = true;
  var voiceOn = false;

  function say(text) {
    if (!voiceOn || !window.speechSynthesis) return;
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = "vi-VN";
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance); // queued: announcements never overlap
  }

  function cell(text, cls) {
    var td = document.createElement("td");
    td.className = cls;
    td.textContent = text;
    return td;
  }

  function renderBoard(state) {
    var rows = document.getElementById("dang-goi");
    rows.textContent = "";
    state.called.forEach(function (c) {
      var tr = document.createElement("tr");
      if (c.serving) tr.className = "serving";
      tr.appendChild(cell(c.code, "code"));
      tr.appendChild(cell(c.counter, "counter"));
      rows.appendChild(tr);
      var key = c.ticketID + ":" + c.calls;
      if (!heard[key]) {
        heard[key] = true;
        if (!first && !c.serving) {
          tr.classList.add("fresh");
          say(c.announcement);
        }
      }
    });
    var none = document.getElementById("chua-goi");
    if (none) none.hidden = state.called.length > 0;
    var lines = document.getElementById("dang-cho");
    lines.textContent = "";
    state.lines.forEach(function (l) {
      var li = document.createElement("li");
      var prefix = document.createElement("span");
      prefix.className = "prefix";
      prefix.textContent = l.prefix;
      li.appendChild(prefix);
      li.appendChild(document.createTextNode(" " + l.name + ": "));
      var strong = document.createElement("strong");
      strong.textContent = String(l.waiting);
      li.appendChild(strong);
      li.appendChild(document.createTextNode(" người" + (l.waitText ? " · " + l.waitText : "")));
      lines.appendChild(li);
    });
    first = false;
    board.dataset.updated = String(Date.now());
  }

  function renderTicket(t) {
    document.getElementById("ve-trang-thai").textContent = t.statusLabel + (t.counter ? " – quầy " + t.counter : "");
    document.getElementById("ve-truoc").textContent = t.ahead != null ? String(t.ahead) : "–";
    document.getElementById("ve-cho").textContent = t.waitText ? t.waitText : t.forNextOpening ? t.forNextOpening
      : (t.status === "waiting" ? "chưa có quầy phục vụ" : "–");
    if (t.status === "called" && navigator.vibrate) navigator.vibrate([300, 100, 300]);
  }

  function refresh() {
    var url = board ? "/api/v1/queue/units/" + encodeURIComponent(unit) : "/api/v1/queue/tickets/" + ticket.dataset.ticket;
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) (board ? renderBoard : renderTicket)(data); })
      .catch(function () {});
  }

  var voiceButton = document.getElementById("bat-tieng");
  if (voiceButton) voiceButton.addEventListener("click", function () {
    voiceOn = true; // browsers speak only after a person has touched the page
    voiceButton.hidden = true;
    say("Đã bật đọc số");
  });

  refresh();
  if (window.EventSource) {
    var source = new EventSource("/xep-hang/" + encodeURIComponent(unit) + "/su-kien");
    source.addEventListener("change", refresh);
  }
  setInterval(refresh, 15000); // in case the event stream is cut by a proxy
})();
