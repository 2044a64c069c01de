// The venue screen: follows the campaign's server-sent events and redraws the totals, the
// progress and the latest supporters. Text is set with textContent only (never as HTML).
(function () {
  'use strict';
  var body = document.body;
  var lang = body.dataset.lang || 'en';
  var grouping = new Intl.NumberFormat(lang);
  var status = document.getElementById('status');

  // As the server writes money: digits grouped in the screen's language, then the code.
  function money(m) {
    var format = new Intl.NumberFormat(lang, { minimumFractionDigits: m.units, maximumFractionDigits: m.units });
    return format.format(m.minor / Math.pow(10, m.units)) + ' ' + m.currency;
  }

  function set(id, text) {
    var node = document.getElementById(id);
    if (node && node.textContent !== text) { node.textContent = text; }
  }

  function render(s) {
    set('people', grouping.format(s.people));
    window.chorusPlural(document.getElementById('people-label'), s.people);
    if (s.raised) { set('raised', money(s.raised)); }
    var progress = document.getElementById('progress');
    if (progress && s.progress !== null) { progress.value = s.progress; progress.textContent = s.progress + ' %'; }
    var list = document.getElementById('entries');
    var items = document.createDocumentFragment();
    s.entries.forEach(function (e) {
      var li = document.createElement('li');
      var who = document.createElement('strong');
      var what = document.createElement('span');
      if (e.gift) { who.textContent = body.dataset.gift; what.textContent = money(e.gift); }
      else { who.textContent = e.name || body.dataset.anonymous; what.textContent = e.message; }
      li.appendChild(who); li.appendChild(document.createTextNode(' ')); li.appendChild(what);
      items.appendChild(li);
    });
    list.replaceChildren(items);
  }

  // The stream is followed by public.js's chorusFollow (heartbeats, stalls, 503s, resuming).
  window.chorusFollow(body.dataset.events, {
    tally: function (event) { render(JSON.parse(event.data)); }
  }, function (reconnecting) { status.hidden = !reconnecting; });
})();
