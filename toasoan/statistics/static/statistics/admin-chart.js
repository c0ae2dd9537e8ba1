/* The per-period chart of the "Thống kê" admin page (Chart.js 4, served from the site). */
(function () {
  "use strict";
  var data = document.getElementById("stats-chart-data");
  var canvas = document.getElementById("stats-chart");
  if (!data || !canvas || !window.Chart) return;
  var chart = JSON.parse(data.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: { labels: chart.labels, datasets: [{ label: chart.label, data: chart.values, backgroundColor: "#2e6da4" }] },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false } }
    }
  });
})();
