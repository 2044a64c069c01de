// Public pages: live counters (server-sent events) and action forms that survive a lost
// connection. Everything works without this script; it only adds.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var format = window.Intl ? new Intl.NumberFormat(lang) : { format: String };

  // Live counters: <p data-live="/org/campaign/counts"> holding <strong data-count="pledges">.
  // EventSource reconnects by itself after a network loss.
  if (window.EventSource) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-live]"), function (box) {
      var source = new EventSource(box.getAttribute("data-live"));
      source.addEventListener("counts", function (event) {
        var counts = JSON.parse(event.data);
        Array.prototype.forEach.call(box.querySelectorAll("[data-count]"), function (node) {
          var value = counts[node.getAttribute("data-count")];
          if (typeof value === "number") node.textContent = format.format(value);
        });
      });
    });
  }

  // Offline-tolerant forms: a submission is kept on the phone (localStorage) until the server
  // has answered it, and sent again when the connection returns. The form's token carries its
  // idempotency key, so a submission sent twice is still one action.
  var OUTBOX = "chorus-outbox";
  function load() {
    try { return JSON.parse(localStorage.getItem(OUTBOX) || "[]"); } catch (e) { return []; }
  }
  function store(list) {
    try { localStorage.setItem(OUTBOX, JSON.stringify(list)); } catch (e) { /* private mode */ }
  }
  function forget(token) {
    store(load().filter(function (item) { return item.token !== token; }));
  }
  function send(item) {
    return fetch(item.action, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" },
      body: item.body,
      credentials: "same-origin"
    });
  }
  var form = document.querySelector("form.act");
  var status = form && form.querySelector(".status");
  function say(text) { if (status) status.textContent = text; }
  var flushing = false;
  function flush() {
    var list = load();
    if (flushing || !list.length || !window.fetch) return;
    flushing = true;
    var item = list[0];
    send(item).then(function (response) {
      flushing = false;
      if (response.status < 500) {
        // Answered: accepted (201) or refused for good (4xx); either way it is done.
        forget(item.token);
        if (response.status === 201 && form) say(form.getAttribute("data-offline-sent"));
        flush();
      }
    }, function () { flushing = false; });
  }
  if (form && window.fetch && window.URLSearchParams && window.FormData) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var item = {
        action: form.action,
        body: new URLSearchParams(new FormData(form)).toString(),
        token: form.elements.token.value
      };
      forget(item.token);
      store(load().concat([item]));
      send(item).then(function (response) {
        if (response.status === 201) {
          forget(item.token);
          return response.json().then(function (answer) { window.location.assign(answer.next); });
        }
        if (response.status < 500) {
          // Something to correct: let the server show it on the plain form.
          forget(item.token);
          HTMLFormElement.prototype.submit.call(form);
          return;
        }
        say(form.getAttribute("data-offline-saved"));
      }, function () {
        say(form.getAttribute("data-offline-saved"));
      });
    });
  }
  // Phones on a crowded network often say they are online when requests still fail: besides
  // the "online" event, try again every few seconds while something waits.
  window.addEventListener("online", flush);
  setInterval(function () { if (load().length) flush(); }, 4000);
  flush();
})();
