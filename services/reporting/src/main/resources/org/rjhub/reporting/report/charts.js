// Draws the report's charts as inline SVG from the JSON in #report-data. No library, no network.
// Marks <body data-charts-rendered="N"> when every chart is drawn, or data-chart-error="..." when one fails.
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var COLOURS = ['#1f5f99', '#d9822b', '#2f8f5b', '#a83247', '#6d5aa6', '#5f6b7a'];

  function node(name, attrs, parent, text) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) { e.textContent = text; }
    if (parent) { parent.appendChild(e); }
    return e;
  }

  function fmt(v, unit) {
    return (Math.round(v * 10) / 10).toLocaleString('en-GB') + (unit || '');
  }

  function values(spec) {
    var all = [];
    spec.series.forEach(function (s) { s.values.forEach(function (v) { if (v !== null && v !== undefined) { all.push(v); } }); });
    return all;
  }

  function svgFor(host, width, height, spec) {
    var svg = node('svg', {'class': 'chart', width: width, height: height, viewBox: '0 0 ' + width + ' ' + height,
      role: 'img', 'aria-label': spec.title, 'data-chart': spec.id}, host);
    node('title', {}, svg, spec.title);
    return svg;
  }

  function empty(host, spec) {
    var svg = svgFor(host, 560, 44, spec);
    svg.setAttribute('data-empty', 'true');
    node('text', {x: 8, y: 26, 'class': 'empty'}, svg, 'No data in this period');
    return svg;
  }

  function legend(svg, series, x, y) {
    var cursor = x;
    series.forEach(function (s, i) {
      node('rect', {x: cursor, y: y, width: 12, height: 12, fill: COLOURS[i % COLOURS.length], 'class': 'legend'}, svg);
      node('text', {x: cursor + 17, y: y + 10, 'class': 'legend-label'}, svg, s.name);
      cursor += 30 + s.name.length * 7;
    });
  }

  // Horizontal bars, one row per label, one bar per series in the row.
  function bars(host, spec) {
    var all = values(spec);
    if (!spec.labels.length || !all.some(function (v) { return v > 0; })) { return empty(host, spec); }
    var k = spec.series.length, labelW = 250, chartW = 380, right = 80, barH = 17, gap = 9;
    var legendH = k > 1 ? 24 : 0, rowH = k * barH + gap;
    var width = labelW + chartW + right, height = legendH + spec.labels.length * rowH + 6;
    var max = Math.max.apply(null, all) || 1;
    var svg = svgFor(host, width, height, spec);
    if (k > 1) { legend(svg, spec.series, labelW, 4); }
    spec.labels.forEach(function (label, i) {
      var y0 = legendH + 3 + i * rowH;
      node('text', {x: labelW - 8, y: y0 + (k * barH) / 2 + 4, 'text-anchor': 'end', 'class': 'label'}, svg, label);
      spec.series.forEach(function (s, j) {
        var v = s.values[i];
        if (v === null || v === undefined) { return; }
        var w = v > 0 ? Math.max(1, chartW * v / max) : 0;
        var bar = node('rect', {x: labelW, y: y0 + j * barH, width: w.toFixed(1), height: barH - 3,
          fill: COLOURS[j % COLOURS.length], 'class': 'bar', 'data-value': v}, svg);
        node('title', {}, bar, (k > 1 ? s.name + ', ' : '') + label + ': ' + fmt(v, spec.unit));
        node('text', {x: labelW + w + 5, y: y0 + j * barH + barH - 6, 'class': 'value'}, svg, fmt(v, spec.unit));
      });
    });
    return svg;
  }

  // Vertical columns, one per label, the series stacked.
  function stacked(host, spec) {
    var all = values(spec);
    if (!spec.labels.length || !all.some(function (v) { return v > 0; })) { return empty(host, spec); }
    var n = spec.labels.length, left = 44, top = 34, bottom = 58, plotH = 220;
    var colW = Math.max(12, Math.min(46, Math.floor(620 / n) - 8)), gap = Math.max(4, Math.round(colW / 4));
    var width = left + n * (colW + gap) + 20, height = top + plotH + bottom;
    var totals = spec.labels.map(function (_, i) {
      return spec.series.reduce(function (sum, s) { return sum + (s.values[i] || 0); }, 0);
    });
    var max = Math.max.apply(null, totals) || 1;
    var svg = svgFor(host, Math.max(width, 420), height, spec);
    legend(svg, spec.series, left, 6);
    [0, 0.5, 1].forEach(function (f) {
      var y = top + plotH - plotH * f;
      node('line', {x1: left - 4, x2: width - 10, y1: y, y2: y, 'class': 'grid'}, svg);
      node('text', {x: left - 8, y: y + 4, 'text-anchor': 'end', 'class': 'axis'}, svg, fmt(max * f));
    });
    spec.labels.forEach(function (label, i) {
      var x = left + i * (colW + gap), y = top + plotH;
      spec.series.forEach(function (s, j) {
        var v = s.values[i];
        if (v === null || v === undefined) { return; }
        var h = plotH * v / max;
        y -= h;
        var bar = node('rect', {x: x, y: y.toFixed(1), width: colW, height: h.toFixed(1),
          fill: COLOURS[j % COLOURS.length], 'class': 'bar', 'data-value': v}, svg);
        node('title', {}, bar, s.name + ', ' + label + ': ' + fmt(v, spec.unit));
      });
      if (totals[i] > 0) {
        node('text', {x: x + colW / 2, y: y - 4, 'text-anchor': 'middle', 'class': 'value'}, svg, fmt(totals[i]));
      }
      node('text', {x: x + colW / 2, y: top + plotH + 14, 'text-anchor': 'end', 'class': 'axis',
        transform: 'rotate(-45 ' + (x + colW / 2) + ' ' + (top + plotH + 14) + ')'}, svg, label);
    });
    return svg;
  }

  var drawn = 0;
  try {
    var data = JSON.parse(document.getElementById('report-data').textContent);
    data.charts.forEach(function (spec) {
      var host = document.getElementById('chart-' + spec.id);
      if (!host) { throw new Error('no place for chart ' + spec.id); }
      (spec.kind === 'stacked' ? stacked : bars)(host, spec);
      drawn++;
    });
    document.body.setAttribute('data-charts-rendered', String(drawn));
  } catch (e) {
    document.body.setAttribute('data-chart-error', String((e && e.message) || e));
  }
})();
