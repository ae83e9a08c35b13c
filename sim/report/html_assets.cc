// The stylesheet and script of the HTML reports (html_report.h), kept apart
// from the C++ that assembles the page. The script reads the embedded JSON
// document and builds the page with textContent and createElementNS only:
// text from the corpus is never parsed as markup.
#include "sim/report/html_report.h"

namespace inboxsim::report::detail {

const char kReportCss[] = R"css(
body { font: 14px/1.4 system-ui, sans-serif; color: #222; margin: 0 auto;
  max-width: 1000px; padding: 0 1em 2em; }
h1 { font-size: 1.5em; margin: 0.8em 0 0.2em; }
h2 { font-size: 1.2em; margin: 1.6em 0 0.4em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1em; margin: 1.2em 0 0.3em; }
table { border-collapse: collapse; margin: 0.4em 0; }
th, td { padding: 2px 8px; border-bottom: 1px solid #eee; text-align: left;
  vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
p.note { color: #555; max-width: 60em; }
figure { margin: 0.6em 0 1.2em; }
figcaption { color: #555; font-size: 0.9em; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, sans-serif; fill: #222; }
svg text.group { font-weight: bold; }
.legend span { display: inline-block; margin-right: 1em; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em;
  vertical-align: -0.1em; margin-right: 0.3em; }
.inbox { fill: #3a9a4a; background: #3a9a4a; }
.junk { fill: #e0a020; background: #e0a020; }
.reject { fill: #c8382c; background: #c8382c; }
.ham { fill: #3a78c8; background: #3a78c8; }
.spam { fill: #a8489a; background: #a8489a; }
line.whisker { stroke: #222; stroke-width: 1.5; }
line.axis { stroke: #bbb; stroke-width: 1; }
.bad { color: #c8382c; font-weight: bold; }
)css";

const char kReportScript[] = R"js(
'use strict';
(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const ACTIONS = ['inbox', 'junk', 'reject'];
  const LABELS = ['ham', 'spam'];
  // Chart geometry, in SVG units.
  const LABEL_WIDTH = 230, PLOT_WIDTH = 560, VALUE_WIDTH = 190;
  const ROW = 22, BAR = 16, THIN = 8, TOP = 20;
  const LABEL_CHARS = 34;  // what fits in LABEL_WIDTH at 12px
  const WIDTH = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;

  const source = document.getElementById('inboxsim-data');
  const doc = JSON.parse(source.textContent);
  const root = document.getElementById('report');

  // DOM helpers: text always goes through textContent.
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function add(parent, tag, text, cls) {
    return parent.appendChild(el(tag, text, cls));
  }
  function svgEl(parent, tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const key of Object.keys(attrs)) node.setAttribute(key, attrs[key]);
    if (text !== undefined) node.textContent = String(text);
    return parent.appendChild(node);
  }
  function pct(x) {
    return typeof x === 'number' ? (100 * x).toFixed(1) + '%' : '-';
  }
  function interval(s) {
    return s ? pct(s.share) + ' (' + pct(s.low) + ' - ' + pct(s.high) + ')'
             : '-';
  }
  function num(x, digits) {
    if (typeof x !== 'number') return x === null || x === undefined ? '-' : x;
    return digits === undefined ? x.toLocaleString('en') : x.toFixed(digits);
  }
  function clamp01(x) {
    return typeof x === 'number' && isFinite(x) ? Math.min(1, Math.max(0, x))
                                                : 0;
  }
  // rows: arrays of cells; a cell is a value or {text, cls}.
  function table(parent, head, rows) {
    const t = add(parent, 'table');
    const hr = add(add(t, 'thead'), 'tr');
    for (const h of head) add(hr, 'th', h);
    const body = add(t, 'tbody');
    for (const row of rows) {
      const tr = add(body, 'tr');
      for (const cell of row) {
        if (cell !== null && typeof cell === 'object') {
          add(tr, 'td', cell.text, cell.cls);
        } else {
          add(tr, 'td', cell, typeof cell === 'number' ? 'num' : '');
        }
      }
    }
    return t;
  }
  function keyValues(parent, object) {
    const rows = Object.keys(object || {}).map(k => [k, object[k]]);
    if (rows.length === 0) {
      add(parent, 'p', 'none', 'note');
      return;
    }
    table(parent, ['', ''], rows);
  }
  function legend(parent, names) {
    const p = add(parent, 'p', null, 'legend');
    for (const name of names) {
      const span = add(p, 'span');
      add(span, 'span', null, 'swatch ' + name);
      span.appendChild(document.createTextNode(name));
    }
  }

  // A chart: <figure data-chart=NAME> with a caption and an SVG of `rows`
  // rows, with a 0-100% axis when `axis` is set.
  function chart(name, caption, rows, axis) {
    const figure = add(root, 'figure');
    figure.setAttribute('data-chart', name);
    const height = TOP + rows * ROW + 4;
    const svg = svgEl(figure, 'svg', {
      viewBox: '0 0 ' + WIDTH + ' ' + height, width: WIDTH, height: height,
      role: 'img'});
    svgEl(svg, 'title', {}, caption);
    if (axis) {
      for (let i = 0; i <= 4; ++i) {
        const x = LABEL_WIDTH + PLOT_WIDTH * i / 4;
        svgEl(svg, 'line', {x1: x, x2: x, y1: TOP - 4, y2: height,
                            class: 'axis'});
        svgEl(svg, 'text', {x: x, y: TOP - 8, 'text-anchor': 'middle'},
              (25 * i) + '%');
      }
    }
    add(figure, 'figcaption', caption);
    return {figure: figure, svg: svg};
  }
  function rowY(row) { return TOP + row * ROW; }
  // Long labels (paths) keep their end, which names the file; the whole
  // label is the tooltip.
  function rowLabel(svg, row, text, cls) {
    const attrs = {x: LABEL_WIDTH - 6, y: rowY(row) + ROW / 2 + 4,
                   'text-anchor': 'end'};
    if (cls) attrs.class = cls;
    const full = String(text);
    const shown = full.length > LABEL_CHARS ?
        '\u2026' + full.slice(full.length - LABEL_CHARS + 1) : full;
    svgEl(svgEl(svg, 'text', attrs, shown), 'title', {}, full);
  }
  function valueText(svg, row, text) {
    svgEl(svg, 'text', {x: LABEL_WIDTH + PLOT_WIDTH + 6,
                        y: rowY(row) + ROW / 2 + 4}, text);
  }
  // One bar from share `from` to `from + share` of the plot, `height` high,
  // offset `dy` inside the row; `tip` is its tooltip.
  function bar(svg, row, from, share, cls, tip, height, dy) {
    const h = height || BAR;
    const rect = svgEl(svg, 'rect', {
      x: LABEL_WIDTH + PLOT_WIDTH * clamp01(from),
      y: rowY(row) + (dy === undefined ? (ROW - h) / 2 : dy),
      width: PLOT_WIDTH * clamp01(share), height: h, class: 'bar ' + cls});
    svgEl(rect, 'title', {}, tip);
  }
  function whisker(svg, row, low, high) {
    const y = rowY(row) + ROW / 2;
    const x1 = LABEL_WIDTH + PLOT_WIDTH * clamp01(low);
    const x2 = LABEL_WIDTH + PLOT_WIDTH * clamp01(high);
    svgEl(svg, 'line', {x1: x1, x2: x2, y1: y, y2: y, class: 'whisker'});
    for (const x of [x1, x2]) {
      svgEl(svg, 'line', {x1: x, x2: x, y1: y - 5, y2: y + 5,
                          class: 'whisker'});
    }
  }
  // Stacked inbox/junk/reject shares: `shares[action]` is a number or
  // {share, low, high}.
  function stacked(svg, row, name, shares) {
    let from = 0;
    for (const action of ACTIONS) {
      const s = shares[action];
      const share = typeof s === 'number' ? s : (s ? s.share : 0);
      const tip = name + ': ' + action + ' ' +
          (typeof s === 'number' ? pct(s) : interval(s));
      bar(svg, row, from, share, action, tip);
      from += clamp01(share);
    }
    valueText(svg, row, ACTIONS.map(a => {
      const s = shares[a];
      return pct(typeof s === 'number' ? s : (s ? s.share : undefined));
    }).join(' / '));
  }

  // ---- run report ----
  function runReport() {
    const run = doc.run || {};
    const tool = doc.tool || {};
    add(root, 'p', (tool.name || 'inboxsim') + ' ' + (tool.version || '') +
        ', schema ' + doc.schema_version + ', inputs: ' +
        (run.inputs || []).join(', ') + ', threads ' + run.threads, 'note');
    totalsSection();
    if (doc.profiles) placementSection();
    if (doc.population) populationSection();
    if (doc.profiles) rulesSection();
    if (doc.campaign) campaignSection();
    if (doc.scan) scanSection();
    failuresSection();
  }

  function totalsSection() {
    const t = doc.totals || {};
    add(root, 'h2', 'Totals');
    table(root, ['read', 'parsed', 'failed', 'bytes', 'accounting',
                 'elapsed (s)', 'messages/s', 'MB/s'],
          [[t.read, t.parsed, t.failed, t.bytes,
            t.accounting_ok ? {text: 'ok'} :
                              {text: 'MISMATCH', cls: 'bad'},
            num(t.elapsed_seconds, 3), num(t.messages_per_second, 0),
            num(t.mb_per_second, 1)]]);
    const byLabel = t.by_label || {};
    table(root, ['label', 'read', 'parsed', 'failed', 'bytes'],
          Object.keys(byLabel).map(label => {
            const c = byLabel[label];
            return [label, c.read, c.parsed, c.failed, c.bytes];
          }));
    add(root, 'h3', 'Defects (messages)');
    keyValues(root, doc.defects);
    add(root, 'h3', 'Limits hit (messages)');
    keyValues(root, doc.limits_hit);
    add(root, 'h3', 'Content');
    keyValues(root, doc.content);
  }

  function placementSection() {
    const profiles = doc.profiles;
    add(root, 'h2', 'Placement per profile');
    legend(root, ACTIONS);
    const c = chart('placement', 'Share of messages each profile puts in ' +
                    'the inbox, junk or rejects', profiles.length, true);
    profiles.forEach((p, i) => {
      rowLabel(c.svg, i, p.name);
      stacked(c.svg, i, p.name, p.shares || {});
    });
    table(root, ['profile', 'messages', 'inbox', 'junk', 'reject',
                 'false positives', 'false negatives', 'description'],
          profiles.map(p => {
            const s = p.shares || {};
            return [p.name, p.messages, interval(s.inbox), interval(s.junk),
                    interval(s.reject), interval(p.false_positive_rate),
                    interval(p.false_negative_rate), p.description];
          }));
  }

  function populationSection() {
    const pop = doc.population;
    add(root, 'h2', 'Population estimate: ' + pop.name);
    add(root, 'p', pop.description, 'note');
    const c = chart('population', 'Share of receivers in the population ' +
                    'who get a message in the inbox, junk, or reject it, ' +
                    'with 95% intervals', ACTIONS.length, true);
    ACTIONS.forEach((action, i) => {
      const s = pop[action] || {};
      rowLabel(c.svg, i, action);
      bar(c.svg, i, 0, s.share, action, action + ' ' + interval(s));
      whisker(c.svg, i, s.low, s.high);
      valueText(c.svg, i, interval(s));
    });
    add(root, 'h3', 'Assumption');
    add(root, 'p', pop.assumption, 'note');
    add(root, 'h3', 'By label');
    const byLabel = pop.by_label || {};
    table(root, ['label', 'inbox', 'junk', 'reject'],
          Object.keys(byLabel).map(label => [label].concat(
              ACTIONS.map(a => interval(byLabel[label][a])))));
    add(root, 'h3', 'Practices (share of receivers)');
    const practices = pop.practices || {};
    table(root, ['practice', 'share'],
          Object.keys(practices).map(k => [k, pct(practices[k])]));
    add(root, 'h3', 'Members');
    table(root, ['receivers', 'weight', 'profiles'],
          (pop.members || []).map(m => [m.label, pct(m.weight),
                                        (m.stack || []).join(' + ')]));
    if ((pop.top_reasons || []).length > 0) {
      add(root, 'h3', 'Top reasons (share of receivers)');
      table(root, ['rule', 'family', 'junk', 'reject', 'description',
                   'example'],
            pop.top_reasons.map(r => [r.id, r.family, pct(r.junk),
                                      pct(r.reject), r.description,
                                      exampleText(r.example)]));
    }
  }

  function exampleText(example) {
    return example ? example.where + ': ' + example.reason : '';
  }

  // Top rules of every profile, each rule once: hits do not depend on the
  // profile, only the rule's score does.
  function rulesSection() {
    const byId = new Map();
    for (const p of doc.profiles) {
      for (const r of p.top_rules || []) {
        if (!byId.has(r.id)) byId.set(r.id, {rule: r, profiles: []});
        byId.get(r.id).profiles.push(p.name);
      }
    }
    const rules = Array.from(byId.values());
    rules.sort((a, b) => (b.rule.hits || 0) - (a.rule.hits || 0));
    add(root, 'h2', 'Rule hit frequencies by label');
    if (rules.length === 0) {
      add(root, 'p', 'No rule fired.', 'note');
      return;
    }
    const labelTotals = (doc.totals || {}).by_label || {};
    const parsed = label => (labelTotals[label] || {}).parsed || 0;
    legend(root, LABELS);
    const c = chart('rules', 'Share of ham and of spam messages each rule ' +
                    'fired on (top rules of every profile)', rules.length,
                    true);
    rules.forEach((entry, i) => {
      const r = entry.rule;
      const hits = r.hits_by_label || {};
      rowLabel(c.svg, i, r.id);
      LABELS.forEach((label, k) => {
        const n = parsed(label);
        const share = n > 0 ? (hits[label] || 0) / n : 0;
        bar(c.svg, i, 0, share, label,
            r.id + ': ' + label + ' ' + (hits[label] || 0) + ' of ' + n +
                ' (' + pct(share) + ')',
            THIN, 3 + k * THIN);
      });
      let text = 'ham ' + (hits.ham || 0) + ', spam ' + (hits.spam || 0);
      if (hits.unlabelled) text += ', unlabelled ' + hits.unlabelled;
      valueText(c.svg, i, text);
    });
    table(root, ['rule', 'family', 'hits', 'ham', 'spam', 'unlabelled',
                 'profiles', 'description', 'example'],
          rules.map(entry => {
            const r = entry.rule;
            const hits = r.hits_by_label || {};
            return [r.id, r.family, r.hits, hits.ham, hits.spam,
                    hits.unlabelled, entry.profiles.join(', '), r.description,
                    exampleText(r.example)];
          }));
  }

  function campaignSection() {
    const c = doc.campaign;
    const range = r => r ? num(r.low, 1) + ' - ' + num(r.high, 1) : '-';
    add(root, 'h2', 'Campaign: ' + num(c.list_size) + ' recipients');
    const inboxed = c.inboxed || {}, sales = c.sales || {};
    table(root, ['', 'expected', 'range'],
          [['inboxed', num(inboxed.expected, 1), range(inboxed)],
           ['replies', '', range(c.replies)],
           ['sales', num(sales.expected, 2), range(sales)]]);
    const rates = c.rates || {};
    add(root, 'p', 'Rates per inboxed message: replies ' + rates.reply_low +
        ' - ' + rates.reply_high + ', sales ' + rates.sale + '. ' +
        (rates.source || ''), 'note');
  }

  function scanSection() {
    const s = doc.scan;
    add(root, 'h2', 'Scan summary');
    table(root, ['rules', 'native', 'prefiltered + PCRE2', 'PCRE2 only',
                 'unsupported', 'content checks', 'load (s)', 'compile (s)',
                 'cache'],
          [[s.rules, s.native, s.prefiltered, s.pcre2_only,
            (s.unsupported || []).length, s.content_checks,
            num(s.load_seconds, 3), num(s.compile_seconds, 3),
            s.cache_hit ? 'hit' : 'miss']]);
    table(root, ['texts scanned', 'bytes scanned', 'PCRE2 runs'],
          [[s.texts_scanned, s.bytes_scanned, s.pcre2_runs]]);
    add(root, 'h3', 'PCRE2 match limit hit (messages)');
    keyValues(root, s.match_limit_hits);
    if ((s.unsupported || []).length > 0) {
      add(root, 'h3', 'Unsupported rules');
      table(root, ['rule', 'where', 'reason'],
            s.unsupported.map(u => [u.rule, u.where, u.reason]));
    }
  }

  function failuresSection() {
    add(root, 'h2', 'Failures');
    keyValues(root, (doc.totals || {}).failed_by_reason);
    const examples = doc.failure_examples || [];
    if (examples.length > 0) {
      add(root, 'h3', 'First failures');
      table(root, ['where', 'reason', 'message'],
            examples.map(e => [e.where, e.reason, e.message]));
    }
  }

  // ---- compare report ----
  function compareReport() {
    const variants = doc.variants || [];
    add(root, 'h2', 'Variants');
    table(root, ['', 'input', 'messages'],
          variants.map((v, i) => [i + 1, v.input, v.messages]));
    add(root, 'p', 'Test: ' + doc.test, 'note');
    if (doc.population) comparePopulation(variants);
    compareProfiles(variants);
    for (const d of doc.differences || []) compareDifference(d);
  }

  function comparePopulation(variants) {
    add(root, 'h2', 'Population: ' + doc.population.name);
    legend(root, ACTIONS);
    const rows = ACTIONS.length * (variants.length + 1);
    const c = chart('compare-population', 'Share of receivers, variant by ' +
                    'variant, with 95% intervals', rows, true);
    let row = 0;
    for (const action of ACTIONS) {
      rowLabel(c.svg, row++, action, 'group');
      for (const v of variants) {
        const s = (v.population || {})[action] || {};
        rowLabel(c.svg, row, v.input);
        bar(c.svg, row, 0, s.share, action,
            v.input + ': ' + action + ' ' + interval(s));
        whisker(c.svg, row, s.low, s.high);
        valueText(c.svg, row++, interval(s));
      }
    }
    add(root, 'p', doc.population.assumption, 'note');
  }

  function compareProfiles(variants) {
    const names = ((variants[0] || {}).profiles || []).map(p => p.name);
    add(root, 'h2', 'Placement per profile');
    legend(root, ACTIONS);
    const c = chart('compare-profiles', 'Share of messages each profile ' +
                    'puts in the inbox, junk or rejects, variant by variant',
                    names.length * (variants.length + 1), true);
    let row = 0;
    names.forEach((name, p) => {
      rowLabel(c.svg, row++, name, 'group');
      for (const v of variants) {
        rowLabel(c.svg, row, v.input);
        stacked(c.svg, row++, name + ', ' + v.input, (v.profiles || [])[p] ||
                {});
      }
    });
  }

  function testText(t) {
    if (!t) return '-';
    let text = (t.difference >= 0 ? '+' : '') +
               (100 * t.difference).toFixed(1) + ' points';
    if (typeof t.p_value === 'number') {
      text += ' (z ' + t.z.toFixed(2) + ', p ' + t.p_value.toPrecision(3) +
              ')';
    }
    return text;
  }

  function compareDifference(d) {
    add(root, 'h2', d.variant + ' against ' + d.against);
    const rows = [];
    if (d.population) {
      rows.push(['population'].concat(
          ACTIONS.map(a => testText(d.population[a]))));
    }
    for (const p of d.profiles || []) {
      rows.push([p.name].concat(ACTIONS.map(a => testText(p[a]))));
    }
    table(root, ['', 'inbox', 'junk', 'reject'], rows);
    const rules = d.rules || [];
    if (rules.length === 0) {
      add(root, 'p', 'No rule or signal fired differently.', 'note');
      return;
    }
    add(root, 'h3', 'Rules and signals that make the difference');
    table(root, ['rule', 'family', 'fired (against)', 'fired (variant)',
                 'junk or reject (against)', 'junk or reject (variant)',
                 'description'],
          rules.map(r => {
            const fired = r.fired || {}, moved = r.junk_or_reject || {};
            return [r.id, r.family, pct(fired.against), pct(fired.variant),
                    pct(moved.against), pct(moved.variant), r.description];
          }));
  }

  if (source.getAttribute('data-kind') === 'compare') {
    compareReport();
  } else {
    runReport();
  }
  document.body.setAttribute('data-rendered', 'ok');
})();
)js";

}  // namespace inboxsim::report::detail
