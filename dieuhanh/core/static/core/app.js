/* Small progressive enhancements: file pickers in Vietnamese, the drag-and-drop upload zone,
   filters folded on phones and the dashboard charts. Every page works without them. */
(function () {
  "use strict";

  var NARROW = window.matchMedia ? window.matchMedia("(max-width: 600px)") : { matches: false };

  function fileNames(input) {
    var names = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
    return names.length ? "Đã chọn: " + names.join(", ") : "Chưa chọn tệp nào";
  }

  /* The browser's own file button speaks the browser's language ("Choose Files"): hide it behind
     a Vietnamese button, a <label> for the same input, and say which files were chosen. */
  function setupFilePicker(input, list) {
    if (input.hasAttribute("data-file-picker") || !input.id) return;
    input.setAttribute("data-file-picker", "");
    var wrap = document.createElement("span");
    wrap.className = "file-pick";
    var button = document.createElement("label");
    button.className = "btn secondary file-button";
    button.htmlFor = input.id;
    button.textContent = input.multiple ? "Chọn tệp…" : "Chọn tệp…";
    input.parentNode.insertBefore(wrap, input);
    input.classList.add("file-hidden");
    wrap.appendChild(input);
    wrap.appendChild(button);
    if (!list) {
      list = document.createElement("span");
      list.className = "file-names muted small";
      list.setAttribute("aria-live", "polite");
      wrap.appendChild(list);
    }
    function show() { list.textContent = fileNames(input); }
    input.addEventListener("change", show);
    show();
    return show;
  }

  function setupDropzone(zone) {
    var input = zone.querySelector("input[type=file]");
    if (!input) return;
    var show = setupFilePicker(input, zone.querySelector("[data-file-list]")) || function () {};
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        show();
      }
    });
  }

  /* Filters are open on a desktop; on a phone they are folded unless some are in use. */
  function foldFilters() {
    if (!NARROW.matches) return;
    document.querySelectorAll("details[data-filter-box]").forEach(function (box) {
      if (!box.hasAttribute("data-active")) box.open = false;
    });
  }

  function setupCharts() {
    if (typeof window.Chart === "undefined") return;
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.getAttribute("data-chart"));
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      var narrow = NARROW.matches;
      canvas.chart = new window.Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: spec.datasets },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          plugins: {
            legend: {
              position: "bottom",
              labels: narrow ? { boxWidth: 12, padding: 8, font: { size: 11 } } : { boxWidth: 16, padding: 10 }
            }
          },
          scales: spec.type === "doughnut" ? {} : { y: { beginAtZero: true, ticks: { precision: 0 } } }
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-dropzone]").forEach(setupDropzone);
    document.querySelectorAll("input[type=file]").forEach(function (input) { setupFilePicker(input); });
    foldFilters();
    setupCharts();
  });
})();

/* A filter the server refuses comes back as 400 with the page and its Vietnamese error: show it
   (htmx leaves 4xx answers out by default). */
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr && event.detail.xhr.status === 400) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
