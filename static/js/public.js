// Public pages: live counters (server-sent events) and action forms that survive a lost
// connection. Everything works without this script; it only adds.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var format = window.Intl ? new Intl.NumberFormat(lang) : { format: String };

  // Follows a server-sent-event stream through a venue's network. The server sends a heartbeat
  // every few seconds, so ten silent seconds mean a stalled connection (a proxy or a phone that
  // lost its network without closing it), which is replaced. A connection the browser gives up
  // on (a 503 while a balancer or the venue's network recovers) is tried again after 0.5, 1,
  // then every 2 s. Each new connection carries the last event's id, so the server sends only
  // what changed. `waiting(true)` while reconnecting, `waiting(false)` once heard again.
  function follow(url, handlers, waiting) {
    var source = null, lastId = "", heardAt = Date.now(), delay = 500, timer = null;
    function heard(event) {
      if (event && event.lastEventId) lastId = event.lastEventId;
      heardAt = Date.now();
      delay = 500;
      waiting(false);
    }
    function open() {
      if (source) source.close();
      var joiner = url.indexOf("?") < 0 ? "?" : "&";
      source = new EventSource(lastId ? url + joiner + "last=" + encodeURIComponent(lastId) : url);
      Object.keys(handlers).forEach(function (name) {
        source.addEventListener(name, function (event) { heard(event); handlers[name](event); });
      });
      source.addEventListener("ping", heard);
      source.onerror = function () {
        waiting(true);
        if (source.readyState === EventSource.CLOSED && !timer) {
          timer = setTimeout(function () { timer = null; open(); }, delay);
          delay = Math.min(delay * 2, 2000);
        }
      };
    }
    setInterval(function () {
      if (Date.now() - heardAt > 10000) { heardAt = Date.now(); waiting(true); open(); }
    }, 1000);
    open();
  }
  window.chorusFollow = follow;

  // Live counters: <p data-live="/org/campaign/counts"> holding <strong data-count="pledges">,
  // dimmed while reconnecting.
  if (window.EventSource) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-live]"), function (box) {
      follow(box.getAttribute("data-live"), {
        counts: function (event) {
          var counts = JSON.parse(event.data);
          Array.prototype.forEach.call(box.querySelectorAll("[data-count]"), function (node) {
            var value = counts[node.getAttribute("data-count")];
            if (typeof value === "number") node.textContent = format.format(value);
          });
        }
      }, function (stale) {
        if (stale) box.setAttribute("aria-busy", "true"); else box.removeAttribute("aria-busy");
      });
    });
  }

  // SHA-256 (FIPS 180-4) of an ASCII string; returns the digest's first 32-bit word, which is
  // all the proof of work looks at (its leading zero bits).
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];
  function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }
  function sha256FirstWord(text) {
    var bytes = [], i, t;
    for (i = 0; i < text.length; i++) bytes.push(text.charCodeAt(i) & 0xff);
    var bits = bytes.length * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) bytes.push(0);
    bytes.push(0, 0, 0, 0, (bits >>> 24) & 0xff, (bits >>> 16) & 0xff, (bits >>> 8) & 0xff, bits & 0xff);
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var w = new Array(64);
    for (var off = 0; off < bytes.length; off += 64) {
      for (t = 0; t < 16; t++) {
        i = off + 4 * t;
        w[t] = (bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3];
      }
      for (t = 16; t < 64; t++) {
        var s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
        var s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
    return h[0] >>> 0;
  }

  // The proof of work of an action form: a number that makes SHA-256("{token}:{number}") start
  // with data-pow zero bits. Found in slices in the background while the person reads and types.
  function proofOfWork(form) {
    var bits = parseInt(form.getAttribute("data-pow"), 10);
    var field = form.elements.pow;
    if (!bits || !field || !form.elements.token || !Math.clz32) return function () {};
    var token = form.elements.token.value, nonce = 0;
    function search(limit) {
      for (; !field.value && nonce < limit; nonce++) {
        if (Math.clz32(sha256FirstWord(token + ":" + nonce)) >= bits) field.value = String(nonce);
      }
    }
    (function slice() {
      search(nonce + 4000);
      if (!field.value) setTimeout(slice, 0);
    })();
    return function finish() { search(Infinity); };
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
  // Every form with data-pow (action forms, the donate form) finds its proof before it is sent.
  Array.prototype.forEach.call(document.querySelectorAll("form[data-pow]"), function (worked) {
    var finishWork = proofOfWork(worked);
    worked.addEventListener("submit", function () { finishWork(); }, true);
  });
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
