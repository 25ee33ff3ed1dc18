/* Progress of an export (templates/exports/job.html).
 * The bar's width follows its aria-valuenow (set by the server, so the page is right before any
 * poll). While the export is waiting or running, the JSON status endpoint is polled every
 * second; the bar, its text and aria-valuenow follow it, and when the export ends the page is
 * reloaded so that the server shows the download link (or the error). Without JavaScript the
 * page has a refresh link instead. No inline script, textContent only (CSP: script-src 'self');
 * the width is set through the CSSOM, which the style-src policy allows. */
(function () {
  "use strict";
  var box = document.getElementById("export-job");
  if (!box) { return; }
  var progress = box.querySelector("[data-export-progress]");
  var bar = box.querySelector("[data-export-bar]");
  var text = box.querySelector("[data-export-text]");
  var status = box.querySelector("[data-export-status]");
  var refresh = box.querySelector("[data-export-refresh]");
  var lang = document.documentElement.lang || "en";

  function number(n) {
    try { return new Intl.NumberFormat(lang).format(n); } catch (e) { return String(n); }
  }

  function show(percent) {
    var value = Math.max(0, Math.min(100, Number(percent) || 0));
    progress.setAttribute("aria-valuenow", String(value));
    bar.style.width = value + "%";
  }

  show(progress.getAttribute("aria-valuenow"));
  if (box.dataset.active !== "true") { return; }
  if (refresh) { refresh.classList.add("d-none"); }

  var template = text.textContent;
  var failures = 0;

  function poll() {
    fetch(box.dataset.statusUrl, {
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      failures = 0;
      show(data.percent);
      status.textContent = data.status_label;
      text.textContent = (text.dataset.template || "{percent}% · {done} / {total}")
        .replace("{percent}", number(data.percent))
        .replace("{done}", number(data.rows_done))
        .replace("{total}", number(data.rows_total));
      if (!data.active) {
        window.location.reload();
        return;
      }
      window.setTimeout(poll, 1000);
    }).catch(function () {
      failures += 1;
      if (failures > 5) {
        text.textContent = template;
        if (refresh) { refresh.classList.remove("d-none"); }
        return;
      }
      window.setTimeout(poll, 2000 * failures);
    });
  }
  window.setTimeout(poll, 500);
}());
