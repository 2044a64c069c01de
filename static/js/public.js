// Public pages: live counters (server-sent events), their labels in the right plural form, and
// the stream follower the venue screen uses too. The forms' script is forms.js. Everything works
// without these scripts; they only add.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var format = window.Intl ? new Intl.NumberFormat(lang) : { format: String };
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;

  // Sets `label` (with data-forms="one:signature|other:signatures", from the server) to the
  // plural form `count` takes in the page's language; "other" when the browser's newer rules
  // name a form the server's do not.
  function plural(label, count) {
    if (!label || !plurals) return;
    var forms = {};
    label.getAttribute("data-forms").split("|").forEach(function (form) {
      var colon = form.indexOf(":");
      forms[form.slice(0, colon)] = form.slice(colon + 1);
    });
    var text = forms[plurals.select(count)] || forms.other;
    if (text && label.textContent !== text) label.textContent = text;
  }
  window.chorusPlural = plural;

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

  // The share step after acting: the phone's own share sheet where it has one, and a button
  // that copies the link.
  var share = document.querySelector("[data-share-url]");
  if (share) {
    var data = {
      title: share.getAttribute("data-share-title"),
      text: share.getAttribute("data-share-text"),
      url: share.getAttribute("data-share-url")
    };
    var sheet = share.querySelector(".share-sheet");
    if (navigator.share && sheet) {
      sheet.hidden = false;
      sheet.addEventListener("click", function () { navigator.share(data).catch(function () {}); });
    }
    var copy = share.querySelector(".share-copy button");
    if (navigator.clipboard && copy) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(data.url).then(function () {
          copy.textContent = copy.getAttribute("data-copied");
        }, function () { share.querySelector("input").select(); });
      });
    }
  }

  // Live counters: <p data-live="/org/campaign/counts"> holding <strong data-count="pledges">,
  // dimmed while reconnecting.
  if (window.EventSource) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-live]"), function (box) {
      follow(box.getAttribute("data-live"), {
        counts: function (event) {
          var counts = JSON.parse(event.data);
          Array.prototype.forEach.call(box.querySelectorAll("[data-count]"), function (node) {
            var value = counts[node.getAttribute("data-count")];
            if (typeof value !== "number") return;
            node.textContent = format.format(value);
            var label = node.nextElementSibling;
            if (label && label.hasAttribute("data-forms")) plural(label, value);
          });
        }
      }, function (stale) {
        if (stale) box.setAttribute("aria-busy", "true"); else box.removeAttribute("aria-busy");
      });
    });
  }
})();
