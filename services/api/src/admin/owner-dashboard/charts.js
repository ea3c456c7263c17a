// Plain SVG charts of the owner's dashboard (no library: two chart kinds, about 4 KB).
// Every mark carries data-series, data-day and data-value, so tests (and curious owners using the
// browser's inspector) can read the exact figure drawn; each has a <title> shown on hover or tap.
'use strict';

window.LacCharts = (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const WIDTH = 560;
  const HEIGHT = 220;
  const MARGIN = { top: 12, right: 12, bottom: 28, left: 46 };

  function element(name, attributes, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    if (parent) parent.appendChild(node);
    return node;
  }

  /** The axis top for counts: a multiple of the four tick steps, so every tick is a whole number ("0, 1, 1, 2, 2" otherwise). */
  function countMaximum(value) {
    return Math.max(4, Math.ceil(niceMaximum(value) / 4) * 4);
  }

  function niceMaximum(value) {
    if (!(value > 0)) return 1;
    const magnitude = 10 ** Math.floor(Math.log10(value));
    for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * magnitude) return step * magnitude;
    return 10 * magnitude;
  }

  const shortDay = (day) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

  function frame(container, title, days, maximum, formatTick) {
    container.replaceChildren();
    const svg = element('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': title }, container);
    const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
    const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
    const y = (value) => MARGIN.top + plotHeight - (value / maximum) * plotHeight;
    for (let tick = 0; tick <= 4; tick += 1) {
      const value = (maximum / 4) * tick;
      element('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value), stroke: '#e5e7eb' }, svg);
      element('text', { x: MARGIN.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, svg).textContent = formatTick(value);
    }
    const slot = plotWidth / Math.max(1, days.length);
    const labelEvery = Math.ceil(days.length / 8);
    days.forEach((day, index) => {
      if (index % labelEvery !== 0) return;
      element('text', { x: MARGIN.left + slot * (index + 0.5), y: HEIGHT - 8, 'text-anchor': 'middle' }, svg).textContent = shortDay(day);
    });
    return { svg, slot, y, plotHeight };
  }

  function legend(container, series) {
    const box = document.createElement('div');
    box.className = 'legend';
    for (const item of series) {
      const entry = document.createElement('span');
      const swatch = document.createElement('i');
      swatch.style.background = item.color;
      entry.append(swatch, item.label);
      box.appendChild(entry);
    }
    container.appendChild(box);
  }

  /** Stacked bars: rows [{day, values: {series: number}}], series [{key, label, color}]; `counts`: whole-number ticks. */
  function stackedBars(container, { title, rows, series, formatValue, limit, counts }) {
    const totals = rows.map((row) => series.reduce((sum, item) => sum + (row.values[item.key] || 0), 0));
    const maximum = (counts ? countMaximum : niceMaximum)(Math.max(limit ? limit.value : 0, ...totals));
    const { svg, slot, y } = frame(container, title, rows.map((row) => row.day), maximum, formatValue);
    const barWidth = Math.max(2, slot * 0.7);
    rows.forEach((row, index) => {
      let base = 0;
      for (const item of series) {
        const value = row.values[item.key] || 0;
        const rect = element('rect', {
          x: MARGIN.left + slot * index + (slot - barWidth) / 2,
          y: y(base + value),
          width: barWidth,
          height: Math.max(0, y(base) - y(base + value)),
          fill: item.color,
          'data-series': item.key,
          'data-day': row.day,
          'data-value': value,
        }, svg);
        element('title', {}, rect).textContent = `${shortDay(row.day)} · ${item.label} : ${formatValue(value)}`;
        base += value;
      }
    });
    if (limit) {
      element('line', {
        x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(limit.value), y2: y(limit.value),
        stroke: '#b91c1c', 'stroke-dasharray': '5 4', 'data-limit': limit.value,
      }, svg);
    }
    legend(container, limit ? [...series, { label: limit.label, color: '#b91c1c' }] : series);
  }

  /** Lines with points: rows [{day, values: {series: number|null}}]; null values leave a gap. */
  function lines(container, { title, rows, series, formatValue, limit, counts }) {
    const values = rows.flatMap((row) => series.map((item) => row.values[item.key]).filter((value) => value !== null && value !== undefined));
    const maximum = (counts ? countMaximum : niceMaximum)(Math.max(limit ? limit.value : 0, ...values));
    const { svg, slot, y } = frame(container, title, rows.map((row) => row.day), maximum, formatValue);
    if (limit) {
      element('line', {
        x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(limit.value), y2: y(limit.value),
        stroke: '#b91c1c', 'stroke-dasharray': '5 4', 'data-limit': limit.value,
      }, svg);
    }
    for (const item of series) {
      let path = '';
      rows.forEach((row, index) => {
        const value = row.values[item.key];
        if (value === null || value === undefined) return;
        const x = MARGIN.left + slot * (index + 0.5);
        path += `${path === '' || rows[index - 1]?.values[item.key] == null ? 'M' : 'L'}${x.toFixed(1)},${y(value).toFixed(1)} `;
      });
      if (path !== '') element('path', { d: path.trim(), fill: 'none', stroke: item.color, 'stroke-width': 2 }, svg);
      rows.forEach((row, index) => {
        const value = row.values[item.key];
        if (value === null || value === undefined) return;
        const point = element('circle', {
          cx: MARGIN.left + slot * (index + 0.5), cy: y(value), r: 3.5, fill: item.color,
          'data-series': item.key, 'data-day': row.day, 'data-value': value,
        }, svg);
        element('title', {}, point).textContent = `${shortDay(row.day)} · ${item.label} : ${formatValue(value)}`;
      });
    }
    legend(container, limit ? [...series, { label: limit.label, color: '#b91c1c' }] : series);
  }

  return { stackedBars, lines };
})();
