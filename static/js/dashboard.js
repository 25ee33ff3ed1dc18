/* The dashboard's charts, drawn with the vendored Chart.js (static/vendor/chartjs).
 *
 * Each <canvas data-chart="ID"> names the <script type="application/json" id="ID"> that holds
 * its figures (written by Django's json_script: no inline script, the CSP allows only files).
 * In Arabic (dir="rtl") the category axis runs from right to left, the value axis of
 * horizontal bars grows to the left, and the legend and tooltips read right to left.
 */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") {
    return;
  }
  var root = document.documentElement;
  var rtl = root.dir === "rtl";
  // Latin digits in both languages, as in the tables beside the charts.
  var locale = (root.lang || "en") + "-u-nu-latn";
  // Bootstrap's palette, distinguishable in print and for the common colour blindnesses.
  var palette = ["#0d6efd", "#fd7e14", "#198754", "#dc3545", "#6f42c1", "#20c997", "#6c757d",
    "#ffc107", "#0dcaf0", "#d63384", "#6610f2", "#adb5bd", "#495057", "#8c510a", "#01665e"];

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var horizontal = Boolean(spec.horizontal);
    var datasets = spec.datasets.map(function (d, i) {
      var colour = palette[(typeof d.color === "number" ? d.color : i) % palette.length];
      return {
        label: d.label,
        data: d.data,
        stack: d.stack,
        backgroundColor: colour,
        borderColor: colour,
        borderWidth: 0
      };
    });
    var category = {
      stacked: Boolean(spec.stacked),
      reverse: rtl && !horizontal,
      position: horizontal ? (rtl ? "right" : "left") : "bottom",
      ticks: {autoSkip: false}
    };
    var value = {
      stacked: Boolean(spec.stacked),
      beginAtZero: true,
      reverse: rtl && horizontal,
      position: horizontal ? "bottom" : (rtl ? "right" : "left"),
      ticks: {precision: 0}
    };
    // Horizontal bars get taller as their rows grow, so that each label stays readable.
    var rows = spec.labels.length;
    var aspect = horizontal ? Math.max(0.5, Math.min(2, 16 / Math.max(rows, 1))) : 2;
    var direction = rtl ? "rtl" : "ltr";
    return new window.Chart(canvas, {
      type: "bar",
      data: {labels: spec.labels, datasets: datasets},
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        aspectRatio: aspect,
        locale: locale,
        animation: false,
        scales: horizontal ? {x: value, y: category} : {x: category, y: value},
        plugins: {
          legend: {
            display: datasets.length > 1,
            position: "bottom",
            rtl: rtl,
            textDirection: direction
          },
          tooltip: {rtl: rtl, textDirection: direction}
        }
      }
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
