/* Caseweb's own scripts. No inline scripts anywhere: the Content-Security-Policy forbids them. */
(function () {
  "use strict";
  // Buttons marked data-confirm ask before an irreversible action.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = (button && button.dataset.confirm) || event.target.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
})();
