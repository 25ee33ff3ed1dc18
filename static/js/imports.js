/* Progress of an import: polls the job's JSON status every second and moves the Bootstrap
 * progress bar; when the import has finished (imported, or failed with nothing saved) the page
 * is reloaded to show the outcome. Without JavaScript the server's bar and the "Refresh" link
 * stay. No inline script, no eval, textContent only (CSP: script-src 'self'). */
(function () {
  "use strict";
  var box = document.querySelector(".import-progress[data-status-url]");
  if (!box) { return; }
  var url = box.dataset.statusUrl;
  var meter = box.querySelector("[data-progress]");
  var bar = box.querySelector("[data-progress-bar]");
  var text = box.querySelector("[data-progress-text]");
  var statusNode = box.querySelector("[data-progress-status]");
  var failures = 0;

  function show(data) {
    var percent = Math.max(0, Math.min(100, Number(data.percent) || 0));
    bar.style.width = percent + "%";
    bar.dataset.step = String(Math.floor(percent / 5));
    meter.setAttribute("aria-valuenow", String(percent));
    if (text && data.text) { text.textContent = data.text; }
    if (statusNode && data.label) { statusNode.textContent = data.label; }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        show(data);
        if (data.finished) {
          window.location.reload();
          return;
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        failures += 1;
        // Signed out, or the server is away: leave the "Refresh" link to the user.
        if (failures < 5) { window.setTimeout(poll, 2000 * failures); }
      });
  }

  window.setTimeout(poll, 500);
})();
