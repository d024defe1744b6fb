/* The review page redraws only what an action changed. A form or link marked data-swap is sent
   with fetch; the server answers with the changed cards, the problems box and a message, each an
   element with an id, put in place of the element with the same id. Without this script every
   form posts and every link opens as usual, and the server redirects back to the page. */
(function () {
  "use strict";

  if (!window.fetch || !window.FormData || !document.querySelector("[data-review]")) return;

  function swap(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    Array.prototype.slice.call(holder.content.children).forEach(function (fresh) {
      var old = fresh.id && document.getElementById(fresh.id);
      if (old) old.replaceWith(fresh);
    });
    countSelected();
  }

  function send(url, options, fallback) {
    options.headers = { "X-Fragment": "card" };
    options.credentials = "same-origin";
    return fetch(url, options)
      .then(function (response) {
        if (!response.ok && response.status !== 400) throw new Error(String(response.status));
        return response.text();
      })
      .then(swap)
      .catch(fallback);
  }

  function countSelected() {
    var out = document.querySelector("[data-selected-count]");
    if (!out) return;
    var n = document.querySelectorAll('input[name="ids"][form="bulk-form"]:checked').length;
    out.textContent = n ? "đã chọn " + n + " nhiệm vụ" : "";
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-swap")) return;
    event.preventDefault();
    var data = new FormData(form);
    var button = event.submitter;
    if (button && button.name) data.append(button.name, button.value);
    if (button) button.disabled = true;
    // Not form.action: a field named "action" (the bulk form's) hides the attribute behind it.
    var url = form.getAttribute("action") || window.location.href;
    send(url, { method: "POST", body: data }, function () {
      // The page without the script: post the form as a browser would.
      if (button && button.name) {
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = button.name;
        hidden.value = button.value;
        form.appendChild(hidden);
      }
      HTMLFormElement.prototype.submit.call(form);
    }).then(function () {
      if (button && button.isConnected) button.disabled = false;
    });
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-swap]");
    if (!link) return;
    event.preventDefault();
    send(link.href, { method: "GET" }, function () { window.location.href = link.href; });
  });

  document.addEventListener("change", function (event) {
    if (event.target.name === "ids") countSelected();
  });
})();
