// The dyad view's two charts, drawn by the bundled Chart.js from the data in the page.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const drill = JSON.parse(document.getElementById("drill-base").textContent);
  // a click on a period's bars opens that period's events, with the view's filters
  const openPeriod = (k) => {
    const query = new URLSearchParams(drill);
    query.set("since", data.since[k]);
    query.set("until", data.until[k]);
    window.location.href = "/events?" + query.toString();
  };
  const css = getComputedStyle(document.documentElement);
  const color = (q) => css.getPropertyValue("--q" + q).trim();
  const names = ["Verbal cooperation", "Material cooperation", "Verbal conflict", "Material conflict"];
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#5f6b7a";
  Chart.defaults.animation = false;
  window.dyadsCharts = [];

  const bars = names.map((name, i) => ({
    type: "bar", label: name, stack: "events", order: 1, backgroundColor: color(i + 1), yAxisID: "y",
    // conflict is drawn below the axis, against cooperation above it
    data: data.quads[i].map((n) => (i >= 2 ? -n : n)),
  }));
  // the events axis is symmetric, so that its zero lines up with the intensity axis' zero
  const up = data.labels.map((_, k) => data.quads[0][k] + data.quads[1][k]);
  const down = data.labels.map((_, k) => data.quads[2][k] + data.quads[3][k]);
  const most = Math.max(1, ...up, ...down);
  const reach = most <= 6 ? most : Math.ceil(most / 5) * 5;
  const line = {
    type: "line", label: "Mean intensity", data: data.scale, yAxisID: "y2", spanGaps: false,
    order: 0, borderColor: "#1d2433", backgroundColor: "#fff", borderWidth: 2, pointRadius: 4,
    pointBorderWidth: 2, tension: 0.25,
  };
  window.dyadsCharts.push(new Chart(document.getElementById("timeline-chart"), {
    data: { labels: data.labels, datasets: [...bars, line] },
    options: {
      maintainAspectRatio: false, interaction: { mode: "index", intersect: false },
      onClick: (event, elements) => { if (elements.length) openPeriod(elements[0].index); },
      onHover: (event, elements) => {
        event.native.target.style.cursor = elements.length ? "pointer" : "default";
      },
      plugins: {
        legend: { position: "bottom",
                  labels: { boxWidth: 12, sort: (a, b) => a.datasetIndex - b.datasetIndex } },
        tooltip: { callbacks: { label: (c) => c.dataset.yAxisID === "y2"
          ? `${c.dataset.label}: ${c.raw}` : `${c.dataset.label}: ${Math.abs(c.raw)}` } },
      },
      scales: {
        x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        y: { stacked: true, position: "left", min: -reach, max: reach, title: { display: true, text: "events (conflict below zero)" },
             ticks: { precision: 0, callback: (v) => Math.abs(v) } },
        y2: { axis: "y", position: "right", min: -10, max: 10, grid: { display: false },
                 title: { display: true, text: "mean intensity" } },
      },
    },
  }));

  window.dyadsCharts.push(new Chart(document.getElementById("types-chart"), {
    type: "bar",
    data: {
      labels: data.types.map((t) => t[0]),
      datasets: [{ label: "events", data: data.types.map((t) => t[2]),
                   backgroundColor: data.types.map((t) => color(t[1]) || "#999") }],
    },
    options: {
      indexAxis: "y", maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: { x: { ticks: { precision: 0 } }, y: { grid: { display: false } } },
    },
  }));
})();
