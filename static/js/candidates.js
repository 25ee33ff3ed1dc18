/* Likely matches while an officer types a name (intake and referral forms).
 * POSTs the name fields to the candidate search (names never go into a URL), and lists what it
 * finds with the reasons; "This is him" links the new case to the existing person.
 * No inline script and no innerHTML: everything is built with textContent (CSP, XSS). */
(function () {
  "use strict";
  var panel = document.getElementById("candidates");
  if (!panel) { return; }
  var form = panel.closest("form") || document.querySelector("form[data-candidates]");
  var list = panel.querySelector("[data-candidate-list]");
  var chosen = document.getElementById("id_existing_person");
  var status = panel.querySelector("[data-candidate-status]");
  var timer = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function render(data) {
    list.replaceChildren();
    if (!data.candidates.length) {
      status.textContent = panel.dataset.none;
      return;
    }
    status.textContent = "";
    data.candidates.forEach(function (c) {
      var item = el("li", "list-group-item" + (c.likely ? " list-group-item-warning" : ""));
      var title = el("div", "fw-semibold");
      var ar = el("span", null, c.name_ar || "—");
      ar.lang = "ar"; ar.dir = "rtl";
      title.appendChild(ar);
      if (c.name_lat) { title.appendChild(document.createTextNode(" · " + c.name_lat)); }
      item.appendChild(title);
      var meta = [c.kunya, c.birth_year, c.governorate, panel.dataset.score + " " + c.score]
        .filter(Boolean).join(" · ");
      item.appendChild(el("div", "small text-body-secondary", meta));
      var why = el("ul", "small mb-1");
      c.reasons.slice(0, 4).forEach(function (r) { why.appendChild(el("li", null, r.detail)); });
      item.appendChild(why);
      var use = el("button", "btn btn-sm btn-outline-primary", panel.dataset.use);
      use.type = "button";
      use.addEventListener("click", function () {
        chosen.value = String(c.id);
        panel.querySelectorAll("li").forEach(function (li) { li.classList.remove("active"); });
        item.classList.add("active");
        status.textContent = panel.dataset.chosen;
      });
      item.appendChild(use);
      list.appendChild(item);
    });
  }

  function search() {
    var body = new FormData();
    form.querySelectorAll("[data-match]").forEach(function (input) {
      if (input.value) { body.append(input.name, input.value); }
    });
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    body.append("csrfmiddlewaretoken", token ? token.value : "");
    fetch(panel.dataset.url, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { candidates: [] }; })
      .then(render)
      .catch(function () { status.textContent = ""; });
  }

  form.querySelectorAll("[data-match]").forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 400);
    });
  });
})();
