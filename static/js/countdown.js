/* Live countdown of an amnesty window.
 * Every element marked data-countdown with data-deadline (an ISO date and time with its offset,
 * written by the server) shows the time left to the second in its [data-countdown-value] child;
 * once the deadline passes it shows the element's data-closed text. Without JavaScript (or
 * before this runs) the server's own text stays: "12 days, 3 hours". No inline script, no eval,
 * textContent only (CSP: script-src 'self'). */
(function () {
  "use strict";
  var nodes = Array.prototype.slice.call(
    document.querySelectorAll("[data-countdown][data-deadline]")
  );
  if (!nodes.length) { return; }

  function formatter(lang, options) {
    try { return new Intl.NumberFormat(lang, options); } catch (e) { return null; }
  }

  function render(node, now) {
    var end = Date.parse(node.dataset.deadline);
    var value = node.querySelector("[data-countdown-value]");
    if (isNaN(end) || !value) { return false; }
    var left = Math.floor((end - now) / 1000);
    if (left < 0) {
      value.textContent = node.dataset.closed || "";
      node.classList.add("countdown-closed");
      return false;
    }
    var lang = node.dataset.lang || document.documentElement.lang || "en";
    var days = Math.floor(left / 86400);
    var two = formatter(lang, { minimumIntegerDigits: 2, useGrouping: false });
    var pad = function (n) { return two ? two.format(n) : (n < 10 ? "0" : "") + n; };
    var clock = pad(Math.floor((left % 86400) / 3600)) + ":" +
      pad(Math.floor((left % 3600) / 60)) + ":" + pad(left % 60);
    var text = clock;
    if (days) {
      var unit = formatter(lang, { style: "unit", unit: "day", unitDisplay: "long" });
      text = (unit ? unit.format(days) : String(days)) + " " + clock;
    }
    value.textContent = text;
    return true;
  }

  function tick() {
    var now = Date.now();
    nodes = nodes.filter(function (node) { return render(node, now); });
    if (nodes.length) { window.setTimeout(tick, 1000 - (Date.now() % 1000)); }
  }

  tick();
})();
