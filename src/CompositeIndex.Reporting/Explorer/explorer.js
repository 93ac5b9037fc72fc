/* CompositeIndex weight explorer: re-aggregates the embedded normalised indicator scores with the reader's weights.
   One inline script, no framework, no network. The arithmetic is the engine's (CompiledIndex.AggregateGroup); the
   formulas are documented in docs/articles/maps-and-explorer.md and a Playwright test compares every score and rank
   with CompiledIndex.Evaluate. All text is inserted with textContent (never as markup). */
(function () {
  'use strict';
  var dataElement = document.getElementById('ci-explorer-data');
  var root = document.getElementById('ci-explorer');
  if (!dataElement || !root) { return; }
  var model = JSON.parse(dataElement.textContent);
  var nodes = model.nodes;
  var units = model.units;
  var U = units.length;
  var rootIndex = nodes.length - 1;
  var NaNValue = NaN;
  var text = model.text || {};
  /* The interface text in the report's language (from the report's resources); {0}, {1}… replaced by the arguments. */
  function tx(key) {
    var s = Object.prototype.hasOwnProperty.call(text, key) ? text[key] : key;
    for (var i = 1; i < arguments.length; i++) { s = s.split('{' + (i - 1) + '}').join(String(arguments[i])); }
    return s;
  }

  // ---- state -------------------------------------------------------------------------------------------------
  var defaults = {};   // group index -> nominal weights (definition order)
  var weights = {};    // group index -> current nominal weights
  var dropped = {};    // indicator index -> true
  var period = model.period;
  nodes.forEach(function (n, i) {
    if (n.weights) { defaults[i] = n.weights.slice(); weights[i] = n.weights.slice(); }
  });

  // ---- the formula set (see ExplorerModel and docs/articles/maps-and-explorer.md) -------------------------------
  function inDomain(node, v) {
    switch (node.method) {
      case 'geometric': case 'harmonic': return v > 0;
      case 'powerMean': return node.power < 1 ? v > 0 : v >= 0;
      default: return true;
    }
  }

  function aggregate(node, x, w) {
    var s = 0, i;
    switch (node.method) {
      case 'arithmetic': for (i = 0; i < x.length; i++) { s += w[i] * x[i]; } return s;
      case 'geometric': for (i = 0; i < x.length; i++) { s += w[i] * Math.log(x[i]); } return Math.exp(s);
      case 'harmonic': for (i = 0; i < x.length; i++) { s += w[i] / x[i]; } return 1 / s;
      case 'powerMean': for (i = 0; i < x.length; i++) { s += w[i] * Math.pow(x[i], node.power); } return Math.pow(s, 1 / node.power);
      case 'minimum': s = Infinity; for (i = 0; i < x.length; i++) { if (x[i] < s) { s = x[i]; } } return s;
    }
    throw new Error('unknown method ' + node.method);
  }

  function accepts(missing, present, total, k, n) {
    if (missing.rule === 'propagate') { return k === n && present > 0; }
    if (k === 0 || present <= 0) { return false; }
    var share = missing.basis === 'count' ? k / n : present / total;
    return share >= missing.minShare - 1e-12;
  }

  function ComputeError(message) { this.message = message; }

  /* Evaluates every visible node for period t; returns {scores: [node][unit], counts: [node][unit]}. */
  function evaluate(t, w, drop) {
    var S = new Array(nodes.length), C = new Array(nodes.length);
    for (var n = 0; n < nodes.length; n++) {
      var node = nodes[n];
      if (node.hidden) { continue; }
      if (node.indicator || node.frozen) {
        var raw = node.scores[t];
        S[n] = raw.map(function (v) { return v === null ? NaNValue : v; });
        C[n] = node.counts ? node.counts[t] : S[n].map(function (v) { return v !== v ? 0 : 1; });
        continue;
      }
      var children = node.children.filter(function (c) { return !drop[c]; });
      var nominal = children.map(function (c) { return w[n][node.children.indexOf(c)]; });
      var total = 0;
      for (var i = 0; i < nominal.length; i++) { total += nominal[i]; }
      var out = new Array(U), count = new Array(U);
      for (var j = 0; j < U; j++) {
        var x = [], ws = [], present = 0, effective = 0, k = 0;
        for (var c = 0; c < children.length; c++) {
          var v = S[children[c]][j];
          if (v !== v) { continue; }
          if (!inDomain(node, v)) {
            if (node.missing.outOfDomainAsMissing) { continue; }
            throw new ComputeError(tx('explorer.domain', node.name, node.method, tx(node.method === 'powerMean' && node.power >= 1 ? 'explorer.nonNegative' : 'explorer.positive'),
              nodes[children[c]].name, v, units[j].name));
          }
          var wc = node.scaled ? nominal[c] * C[children[c]][j] : nominal[c];
          x.push(v); ws.push(wc); present += nominal[c]; effective += wc; k++;
        }
        var score = NaNValue;
        if ((k === children.length || accepts(node.missing, present, total, k, children.length)) && k > 0 && present > 0 && effective > 0) {
          for (var q = 0; q < k; q++) { ws[q] /= effective; }
          score = aggregate(node, x, ws);
          if (!isFinite(score)) { throw new ComputeError(tx('explorer.notFinite', node.name, units[j].name)); }
        }
        out[j] = score;
        var sum = 0;
        if (score === score) { for (var d = 0; d < children.length; d++) { sum += C[children[d]][j]; } }
        count[j] = sum;
      }
      S[n] = out; C[n] = count;
    }
    return { scores: S, counts: C };
  }

  /* Competition ranks, descending, ties share the best rank (1, 2, 2, 4); null for a missing score. */
  function ranks(values) {
    var order = [];
    for (var i = 0; i < values.length; i++) { if (values[i] === values[i]) { order.push(i); } }
    order.sort(function (a, b) { return values[b] - values[a] || a - b; });
    var r = new Array(values.length).fill(null);
    for (var k = 0; k < order.length; k++) {
      r[order[k]] = k > 0 && values[order[k]] === values[order[k - 1]] ? r[order[k - 1]] : k + 1;
    }
    return r;
  }

  // ---- formatting --------------------------------------------------------------------------------------------
  function decimalsFor(values) {
    var m = 0;
    values.forEach(function (v) { if (v === v) { m = Math.max(m, Math.abs(v)); } });
    return m < 2 ? 3 : m < 100 ? 2 : 1;
  }
  function fmt(v, d) { return v === v ? v.toFixed(d) : '–'; }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  // ---- published (default-weight) results, per period --------------------------------------------------------
  var publishedCache = {};
  function published(t) {
    if (!publishedCache[t]) {
      var r = evaluate(t, defaults, {});
      publishedCache[t] = { scores: r.scores, ranks: ranks(r.scores[rootIndex]) };
    }
    return publishedCache[t];
  }

  var top = nodes[rootIndex].frozen ? [] : nodes[rootIndex].children;
  var decimals = decimalsFor(published(period).scores[rootIndex]);

  // ---- controls ----------------------------------------------------------------------------------------------
  var status = el('p', { 'class': 'ex-status', 'role': 'status', 'aria-live': 'polite' });
  var toolbar = el('div', { 'class': 'ex-toolbar' });
  var periodLabel = el('label', { 'for': 'ex-period' }, tx('explorer.period'));
  var periodSelect = el('select', { id: 'ex-period' });
  model.periods.forEach(function (p, i) { var o = el('option', { value: String(i) }, p); periodSelect.appendChild(o); });
  periodSelect.value = String(period);
  periodLabel.appendChild(periodSelect);
  var resetButton = el('button', { type: 'button', id: 'ex-reset' }, tx('explorer.reset'));
  var shareButton = el('button', { type: 'button', id: 'ex-share' }, tx('explorer.share'));
  var shareBox = el('input', { type: 'text', id: 'ex-link', readonly: 'readonly', 'aria-label': tx('explorer.linkLabel'), hidden: 'hidden' });
  toolbar.appendChild(periodLabel); toolbar.appendChild(resetButton); toolbar.appendChild(shareButton); toolbar.appendChild(shareBox);
  root.appendChild(toolbar);
  root.appendChild(status);

  var layout = el('div', { 'class': 'ex-layout' });
  var controls = el('div', { 'class': 'ex-controls' });
  var results = el('div', { 'class': 'ex-results' });
  layout.appendChild(controls); layout.appendChild(results);
  root.appendChild(layout);

  var sliders = [];   // {group, k, input, output}
  var drops = [];     // {node, input}
  var frozenList = el('ul', { 'class': 'ex-frozen' });

  function groupOrder() {  // top-down: the root first, then breadth-first
    var order = [rootIndex], q = 0;
    while (q < order.length) {
      var n = nodes[order[q++]];
      (n.children || []).forEach(function (c) { if (!nodes[c].indicator && !nodes[c].hidden) { order.push(c); } });
    }
    return order;
  }

  groupOrder().forEach(function (g) {
    var node = nodes[g];
    if (node.frozen) {
      frozenList.appendChild(el('li', null, tx('explorer.frozenItem', node.name, node.frozen)));
      return;
    }
    var droppable = node.children.filter(function (c) { return nodes[c].indicator; });
    var weighted = node.usesWeights && node.children.length > 1;
    if (!weighted && droppable.length < 2) { return; }
    var box = el('details', { 'class': 'ex-group', 'data-group': node.id });
    if (g === rootIndex) { box.open = true; }
    var summary = el('summary', null, node.name);
    summary.appendChild(el('span', { 'class': 'ex-method' }, ' ' + node.describe));
    box.appendChild(summary);
    var fs = el('fieldset');
    fs.appendChild(el('legend', { 'class': 'ex-sr' }, node.name));
    box.appendChild(fs);
    if (!node.usesWeights) { fs.appendChild(el('p', { 'class': 'note' }, tx('explorer.minimumNote'))); }
    var max = Math.max.apply(null, defaults[g]);
    var scale = max > 0 ? max : 1;
    node.children.forEach(function (c, k) {
      var row = el('div', { 'class': 'ex-row' });
      var id = 'ex-w-' + g + '-' + k;
      row.appendChild(el('label', { 'for': id, title: nodes[c].name + ' (' + nodes[c].id + ')' }, nodes[c].name));
      if (weighted) {
        var input = el('input', { type: 'range', id: id, 'class': 'ex-weight', min: '0', max: String(4 * scale), step: String(scale / 20),
          'data-group': node.id, 'data-child': nodes[c].id });
        input.value = String(defaults[g][k]);
        var output = el('output', { 'for': id, 'class': 'ex-value' });
        input.addEventListener('input', function () { weights[g][k] = parseFloat(input.value); schedule(); });
        row.appendChild(input); row.appendChild(output);
        sliders.push({ group: g, k: k, input: input, output: output });
      }
      if (nodes[c].indicator && droppable.length > 1) {
        var dropLabel = el('label', { 'class': 'ex-drop-label' });
        var check = el('input', { type: 'checkbox', 'class': 'ex-drop', 'data-node': nodes[c].id, 'aria-label': tx('explorer.dropLabel', nodes[c].name) });
        check.addEventListener('change', function () { if (check.checked) { dropped[c] = true; } else { delete dropped[c]; } schedule(); });
        dropLabel.appendChild(check); dropLabel.appendChild(document.createTextNode(tx('explorer.drop')));
        row.appendChild(dropLabel);
        drops.push({ node: c, group: g, input: check });
      }
      fs.appendChild(row);
    });
    controls.appendChild(box);
  });
  if (frozenList.children.length > 0) {
    controls.appendChild(el('p', { 'class': 'note' }, tx('explorer.frozenTitle')));
    controls.appendChild(frozenList);
  }
  if (model.outputsNote) { controls.appendChild(el('p', { 'class': 'note' }, model.outputsNote)); }

  // ---- results -----------------------------------------------------------------------------------------------
  var shiftsTitle = el('h3', null, tx('explorer.shiftsTitle'));
  var shifts = el('table', { 'class': 'ex-shifts' });
  var rankingTitle = el('h3', null, tx('explorer.rankingTitle'));
  var wrap = el('div', { 'class': 'table-wrap ex-table-wrap' });
  var table = el('table', { 'class': 'ex-ranking', id: 'ex-ranking' });
  var head = el('tr');
  [tx('col.rank'), tx('col.deltaRank'), tx('col.unit'), nodes[rootIndex].name].forEach(function (h, i) { head.appendChild(el('th', i === 2 ? null : { 'class': 'num' }, h)); });
  top.forEach(function (c) { head.appendChild(el('th', { 'class': 'num' }, nodes[c].name)); });
  var thead = el('thead'); thead.appendChild(head); table.appendChild(thead);
  var tbody = el('tbody'); table.appendChild(tbody);
  wrap.appendChild(table);
  var shiftsWrap = el('div', { 'class': 'table-wrap' }); shiftsWrap.appendChild(shifts);
  results.appendChild(shiftsTitle); results.appendChild(shiftsWrap); results.appendChild(rankingTitle); results.appendChild(wrap);

  function bar(cell, v, lo, hi) {
    var b = el('span', { 'class': 'ex-bar' });
    var f = v === v && hi > lo ? (v - lo) / (hi - lo) : 0;
    b.style.width = (4 + 96 * Math.max(0, Math.min(1, f))).toFixed(1) + '%';
    cell.appendChild(b);
  }

  function range(values) {
    var lo = Infinity, hi = -Infinity;
    values.forEach(function (v) { if (v === v) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
    return [Math.min(lo, 0), hi];
  }

  function render(r) {
    var scores = r.scores[rootIndex];
    var rk = ranks(scores);
    var pub = published(period);
    var order = [];
    for (var j = 0; j < U; j++) { order.push(j); }
    order.sort(function (a, b) { return (rk[a] === null) - (rk[b] === null) || (rk[a] || 0) - (rk[b] || 0) || a - b; });
    var rootRange = range(scores);
    var topRanges = top.map(function (c) { return range(r.scores[c]); });
    var rows = document.createDocumentFragment();
    order.forEach(function (j) {
      var tr = el('tr', { 'data-unit': units[j].id });
      if (rk[j] === null) { tr.className = 'missing'; }
      tr.appendChild(el('td', { 'class': 'num ex-rank', 'data-rank': rk[j] === null ? '' : String(rk[j]) }, rk[j] === null ? '–' : String(rk[j])));
      var delta = rk[j] !== null && pub.ranks[j] !== null ? pub.ranks[j] - rk[j] : null;
      tr.appendChild(el('td', { 'class': 'num ex-delta' + (delta > 0 ? ' up' : delta < 0 ? ' down' : '') }, delta === null ? '–' : delta > 0 ? '+' + delta : delta < 0 ? '−' + (-delta) : '0'));
      tr.appendChild(el('td', null, units[j].name));
      var sc = el('td', { 'class': 'num ex-score', 'data-value': String(scores[j]) }, fmt(scores[j], decimals));
      bar(sc, scores[j], rootRange[0], rootRange[1]);
      tr.appendChild(sc);
      top.forEach(function (c, i) {
        var v = r.scores[c][j];
        var td = el('td', { 'class': 'num ex-group-score', 'data-node': nodes[c].id, 'data-value': String(v) }, fmt(v, decimals));
        bar(td, v, topRanges[i][0], topRanges[i][1]);
        tr.appendChild(td);
      });
      rows.appendChild(tr);
    });
    tbody.textContent = '';
    tbody.appendChild(rows);

    var moved = [];
    for (var u = 0; u < U; u++) {
      if (rk[u] !== null && pub.ranks[u] !== null && rk[u] !== pub.ranks[u]) { moved.push(u); }
    }
    moved.sort(function (a, b) { return Math.abs(pub.ranks[b] - rk[b]) - Math.abs(pub.ranks[a] - rk[a]) || rk[a] - rk[b]; });
    shifts.textContent = '';
    if (moved.length === 0) {
      shifts.appendChild(el('caption', null, tx('explorer.noShift')));
    } else {
      var h = el('tr');
      [tx('col.unit'), tx('explorer.publishedRank'), tx('explorer.now'), tx('col.deltaRank')].forEach(function (x, i) { h.appendChild(el('th', i ? { 'class': 'num' } : null, x)); });
      var th = el('thead'); th.appendChild(h); shifts.appendChild(th);
      var tb = el('tbody');
      moved.slice(0, 10).forEach(function (u) {
        var tr = el('tr', { 'data-unit': units[u].id });
        var d = pub.ranks[u] - rk[u];
        tr.appendChild(el('td', null, units[u].name));
        tr.appendChild(el('td', { 'class': 'num' }, String(pub.ranks[u])));
        tr.appendChild(el('td', { 'class': 'num' }, String(rk[u])));
        tr.appendChild(el('td', { 'class': 'num ' + (d > 0 ? 'up' : 'down') }, d > 0 ? '+' + d : '−' + (-d)));
        tb.appendChild(tr);
      });
      shifts.appendChild(tb);
      if (moved.length > 10) { shifts.appendChild(el('caption', null, tx('explorer.moreShifts', moved.length))); }
    }
    recolourMaps(r);
    return moved.length;
  }

  // ---- maps --------------------------------------------------------------------------------------------------
  var maps = (model.maps || []).map(function (m) {
    var svg = document.getElementById(m.svg);
    var paths = {}, original = {};
    if (svg) {
      Array.prototype.forEach.call(svg.querySelectorAll('path.unit'), function (p) {
        var id = p.getAttribute('data-unit'), t = p.querySelector('title');
        paths[id] = p;
        original[id] = { fill: p.getAttribute('fill'), cls: p.getAttribute('data-class'), title: t ? t.textContent : '' };
      });
    }
    var legend = svg ? Array.prototype.slice.call(svg.querySelectorAll('g.legend text')) : [];
    var unranked = {};
    (m.unranked || []).forEach(function (j) { unranked[j] = true; });
    return { m: m, paths: paths, original: original, legend: legend, legendText: legend.map(function (t) { return t.textContent; }), unranked: unranked };
  }).filter(function (x) { return Object.keys(x.paths).length > 0; });
  var mapNote = null;
  if (maps.length > 0) {
    var section = document.getElementById('map');
    mapNote = el('p', { 'class': 'note ex-map-note', role: 'status' });
    if (section) { section.insertBefore(mapNote, section.children[1] || null); }
  }

  /* Rounds half away from zero to the output's digits (as the report's published values). */
  function roundTo(v, d) { var f = Math.pow(10, d), a = Math.abs(v) * f; var r = Math.floor(a + 0.5 + 1e-9 * a) / f; return v < 0 ? -r : r; }

  function inRule(rule, v) {
    if (rule.min !== undefined && (v < rule.min || (v === rule.min && !rule.minIn))) { return false; }
    if (rule.max !== undefined && (v > rule.max || (v === rule.max && !rule.maxIn))) { return false; }
    return true;
  }

  function recolourMaps(r) {
    var published = isDefault();
    maps.forEach(function (x) {
      var m = x.m;
      if (published) {  // the published weights: the map as the report drew it (published values, ranks, classes)
        units.forEach(function (u) {
          var p = x.paths[u.id], o = x.original[u.id];
          if (!p) { return; }
          p.setAttribute('fill', o.fill); p.setAttribute('data-class', o.cls);
          var t = p.querySelector('title'); if (t) { t.textContent = o.title; }
        });
        x.legend.forEach(function (t, i) { t.textContent = x.legendText[i]; });
        return;
      }
      var values = r.scores[m.node].map(function (v) { return v === v && m.digits !== undefined ? roundTo(v, m.digits) : v; });
      var rk = ranks(values.map(function (v, j) { return x.unranked[j] ? NaNValue : v; })), n = 0;
      rk.forEach(function (v) { if (v !== null) { n++; } });
      var k = m.colors.length, lo = Infinity, hi = -Infinity;
      values.forEach(function (v) { if (v === v) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
      if (!m.classes) {
        // Equal intervals of the current scores, as the report draws them (ChoroplethMap): the legend follows.
        if (hi === lo) { k = Math.min(k, 1); }
        x.legend.forEach(function (t, i) {
          if (i >= m.colors.length) { return; }
          var a = lo + i * (hi - lo) / k, b = i + 1 === k ? hi : lo + (i + 1) * (hi - lo) / k;
          t.textContent = i < k && lo <= hi ? (a === b ? a.toFixed(m.decimals) : a.toFixed(m.decimals) + '–' + b.toFixed(m.decimals)) : '';
        });
      }
      units.forEach(function (u, j) {
        var p = x.paths[u.id];
        if (!p) { return; }
        var v = values[j], c = -1, label = null;
        if (v === v && m.classes) {
          m.classes.forEach(function (cl, i) { if (c < 0 && cl.rules.some(function (rule) { return inRule(rule, v); })) { c = i; label = cl.label; } });
        } else if (v === v && k > 0) { c = hi > lo ? Math.max(0, Math.min(k - 1, Math.floor((v - lo) / (hi - lo) * k))) : 0; }
        p.setAttribute('fill', c < 0 ? 'url(#' + m.svg + '-hatch)' : m.colors[c]);
        p.setAttribute('data-class', String(c));
        var title = p.querySelector('title');
        if (title) {
          var shown = v === v ? v.toFixed(m.decimals) + (label !== null ? ', ' + label : '') : '';
          title.textContent = v !== v ? tx('map.tipNoScore', u.name) : rk[j] !== null ? tx('map.tipRank', u.name, shown, rk[j], n) : tx('map.tipValue', u.name, shown);
        }
      });
    });
    if (mapNote) {
      mapNote.textContent = published ? tx('explorer.mapPublished', model.periods[period]) : tx('explorer.mapExplored', model.periods[period]);
    }
  }

  // ---- update, reset, share ----------------------------------------------------------------------------------
  function isDefault() {
    if (Object.keys(dropped).length > 0 || period !== model.period) { return false; }
    return Object.keys(weights).every(function (g) { return weights[g].every(function (v, k) { return v === defaults[g][k]; }); });
  }

  function syncControls() {
    sliders.forEach(function (s) {
      var w = weights[s.group], total = 0;
      var node = nodes[s.group];
      node.children.forEach(function (c, k) { if (!dropped[c]) { total += w[k]; } });
      var off = dropped[node.children[s.k]];
      s.input.disabled = !!off;
      s.output.textContent = off ? tx('explorer.dropped') : w[s.k].toFixed(2) + ' (' + (total > 0 ? (100 * w[s.k] / total).toFixed(1) : '0.0') + ' %)';
      s.input.setAttribute('aria-valuetext', s.output.textContent);
    });
    drops.forEach(function (d) {
      d.input.checked = !!dropped[d.node];
      var left = nodes[d.group].children.filter(function (c) { return !dropped[c]; }).length;
      d.input.disabled = !dropped[d.node] && left <= 1;   // a group keeps at least one child
    });
  }

  /* Several inputs in one turn (a drag, a shared link) give one recomputation, after the current task's events. */
  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    Promise.resolve().then(function () { pending = false; update(); });
  }

  function update() {
    syncControls();
    var r;
    try {
      r = evaluate(period, weights, dropped);
    } catch (e) {
      if (!(e instanceof ComputeError)) { throw e; }
      status.textContent = tx('explorer.cannot', e.message);
      root.classList.add('ex-error');
      tbody.textContent = '';
      return;
    }
    root.classList.remove('ex-error');
    var zero = Object.keys(weights).filter(function (g) {
      var n = nodes[g];
      return n.usesWeights && n.children.every(function (c, k) { return dropped[c] || weights[g][k] === 0; });
    });
    var moved = render(r);
    status.textContent = (isDefault() ? tx('explorer.published') : tx('explorer.moved', moved, U)) +
      (zero.length ? tx('explorer.zero', zero.map(function (g) { return nodes[g].name; }).join(', ')) : '');
  }

  function encodeState() {
    var parts = [];
    var w = Object.keys(weights).filter(function (g) { return weights[g].some(function (v, k) { return v !== defaults[g][k]; }); })
      .map(function (g) { return encodeURIComponent(nodes[g].id) + ':' + weights[g].map(String).join(','); });
    if (w.length) { parts.push('w=' + w.join(';')); }
    var d = Object.keys(dropped).map(function (n) { return encodeURIComponent(nodes[n].id); });
    if (d.length) { parts.push('d=' + d.join(',')); }
    if (period !== model.period) { parts.push('p=' + encodeURIComponent(model.periods[period])); }
    return parts.join('&');
  }

  function applyHash(hash) {
    var byId = {};
    nodes.forEach(function (n, i) { byId[n.id] = i; });
    var problems = [];
    (hash.charAt(0) === '#' ? hash.slice(1) : hash).split('&').forEach(function (part) {
      var eq = part.indexOf('=');
      if (eq < 0) { return; }
      var key = part.slice(0, eq), value = part.slice(eq + 1);
      if (key === 'w') {
        value.split(';').forEach(function (item) {
          var colon = item.lastIndexOf(':');
          var g = byId[decodeURIComponent(item.slice(0, colon))];
          var ws = item.slice(colon + 1).split(',').map(Number);
          if (g === undefined || !weights[g] || ws.length !== weights[g].length || ws.some(function (v) { return !(v >= 0) || !isFinite(v); })) { problems.push(item); return; }
          weights[g] = ws;
        });
      } else if (key === 'd') {
        value.split(',').forEach(function (id) {
          var n = byId[decodeURIComponent(id)];
          var control = drops.filter(function (d) { return d.node === n; })[0];
          var left = control ? nodes[control.group].children.filter(function (c) { return c !== n && !dropped[c]; }).length : 0;
          if (!control || left === 0) { problems.push(id); return; }   // only droppable indicators, a group keeps one child
          dropped[n] = true;
        });
      } else if (key === 'p') {
        var t = model.periods.indexOf(decodeURIComponent(value));
        if (t < 0) { problems.push(value); } else { period = t; }
      }
    });
    sliders.forEach(function (s) { s.input.value = String(weights[s.group][s.k]); });
    periodSelect.value = String(period);
    return problems;
  }

  resetButton.addEventListener('click', function () {
    Object.keys(defaults).forEach(function (g) { weights[g] = defaults[g].slice(); });
    dropped = {};
    period = model.period;
    sliders.forEach(function (s) { s.input.value = String(defaults[s.group][s.k]); });
    periodSelect.value = String(period);
    shareBox.hidden = true;
    if (location.hash) { history.replaceState(null, '', location.pathname + location.search); }
    update();
  });

  shareButton.addEventListener('click', function () {
    var state = encodeState();
    history.replaceState(null, '', location.pathname + location.search + (state ? '#' + state : ''));
    shareBox.value = location.href;
    shareBox.hidden = false;
    shareBox.select();
    var done = function () { status.textContent = tx('explorer.copied'); };
    var manual = function () { status.textContent = tx('explorer.copyManual'); };
    if (navigator.clipboard && navigator.clipboard.writeText) { navigator.clipboard.writeText(location.href).then(done, manual); } else { manual(); }
  });

  periodSelect.addEventListener('change', function () { period = parseInt(periodSelect.value, 10); schedule(); });
  window.addEventListener('hashchange', function () { var p = applyHash(location.hash); update(); if (p.length) { status.textContent += tx('explorer.ignored', p.join(', ')); } });

  root.hidden = false;
  var problems = location.hash ? applyHash(location.hash) : [];
  update();
  if (problems.length) { status.textContent += tx('explorer.ignored', problems.join(', ')); }
  root.setAttribute('data-ready', 'true');
}());
