// Action and donate forms: the proof of work, found in the background while the person reads,
// and pledges that survive a lost connection. Everything works without this script; it only
// adds.
(function () {
  "use strict";

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
  // has answered it for good, and sent again until then. The form's token carries its
  // idempotency key, so a submission sent twice is still one action.
  //
  // A stadium's network loses requests without an error (no answer, no reset) as often as it
  // refuses them, so every send gives up after SEND_TIMEOUT and is tried again after a pause
  // that doubles (with jitter, so that thousands of phones do not come back in step) up to
  // LONGEST_PAUSE, or after the server's Retry-After. Busy answers (408, 425, 429, 5xx) are
  // tried again too, never dropped. The fan always reads where the form stands, in the page's
  // language: sending, saved on this phone, or sent.
  var OUTBOX = "chorus-outbox", SENT = "chorus-sent";
  var SEND_TIMEOUT = 8000, FIRST_PAUSE = 1000, LONGEST_PAUSE = 8000;
  function read(key, empty) {
    try { return JSON.parse(localStorage.getItem(key) || empty); } catch (e) { return JSON.parse(empty); }
  }
  function write(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }
  function load() { return read(OUTBOX, "[]"); }
  function forget(token) {
    write(OUTBOX, load().filter(function (item) { return item.token !== token; }));
  }
  // Tokens sent in the last hour with the server's message, so that another tab holding the
  // same form says it was sent.
  function remember(token, message) {
    var sent = read(SENT, "{}"), now = Date.now();
    Object.keys(sent).forEach(function (key) { if (now - sent[key].at > 3600000) delete sent[key]; });
    sent[token] = { at: now, message: message || "" };
    write(SENT, sent);
  }
  function send(item) {
    var control = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (control) control.abort(); }, SEND_TIMEOUT);
    var request = fetch(item.action, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" },
      body: item.body,
      credentials: "same-origin",
      signal: control ? control.signal : undefined
    });
    return request.then(function (response) {
      clearTimeout(timer);
      return response;
    }, function (error) {
      clearTimeout(timer);
      throw error;
    });
  }
  function busy(status) { return status === 408 || status === 425 || status === 429 || status >= 500; }

  var form = document.querySelector("form.act");
  var status = form && form.querySelector(".status");
  var mine = "";  // the token of the form this page sent, if any
  // Whether the page speaks of `item`: its own form, or any kept form when it sent none.
  function concerns(item) { return !mine || item.token === mine; }
  function say(key, extra) {
    if (!status) return;
    var text = form.getAttribute("data-offline-" + key) || "";
    status.textContent = extra ? text + " " + extra : text;
  }
  var flushing = false, failures = 0, timer = null;
  function later(wait) {
    clearTimeout(timer);
    timer = setTimeout(function () { timer = null; flush(); }, wait);
  }
  function pause(retryAfter) {
    failures++;
    var ceiling = Math.min(FIRST_PAUSE * Math.pow(2, failures - 1), LONGEST_PAUSE);
    later(Math.max(retryAfter, ceiling / 2 + Math.random() * ceiling / 2));
  }
  function flush() {
    var list = load();
    if (flushing || !list.length || !window.fetch) return;
    flushing = true;
    var item = list[0];
    send(item).then(function (response) {
      flushing = false;
      if (busy(response.status)) {
        if (concerns(item)) say("busy");
        pause(1000 * (parseInt(response.headers.get("Retry-After"), 10) || 0));
        return;
      }
      failures = 0;
      forget(item.token);
      if (response.status === 201) {
        response.json().then(function (answer) {
          remember(item.token, answer.message);
          if (item.token === mine && !item.kept) window.location.assign(answer.next);
          else if (concerns(item)) say("sent", answer.message);
        }, function () { remember(item.token, ""); if (concerns(item)) say("sent"); });
      } else if (item.token === mine) {
        // Something to correct: let the server show it on the plain form.
        HTMLFormElement.prototype.submit.call(form);
        return;
      } else if (concerns(item)) {
        say("refused");
      }
      flush();
    }, function () {
      // No answer: the network lost the request, or its answer, or the phone is offline.
      flushing = false;
      if (concerns(item)) say("saved");
      item.kept = true;
      write(OUTBOX, load().map(function (other) { return other.token === item.token ? item : other; }));
      pause(0);
    });
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
      mine = item.token;
      forget(item.token);
      write(OUTBOX, [item].concat(load()));
      say("sending");
      failures = 0;
      flush();
    });
  }
  // Another tab sent this page's form: say so here too.
  window.addEventListener("storage", function (event) {
    if (event.key !== SENT || !mine) return;
    var sent = read(SENT, "{}")[mine];
    if (sent) say("sent", sent.message);
  });
  // Phones on a crowded network often say they are online when requests still fail: besides
  // the "online" event, try again every few seconds while something waits.
  window.addEventListener("online", function () { failures = 0; flush(); });
  setInterval(function () { if (load().length && !timer) flush(); }, 4000);
  flush();
})();
