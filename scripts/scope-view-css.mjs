#!/usr/bin/env node
// One-off tool (kept for views added later): puts every rule of a view's stylesheet under the view's
// root selector, so one view's classes cannot restyle another's (#11 defect 2: the training view's
// .metric restyled the experiments table's metric cells).
//   node scripts/scope-view-css.mjs FILE SCOPE      e.g. app/renderer/src/views/graph/graph.css .graph-view
// A selector already starting with the scope's class, or one inside a :root[...] theme prefix, is
// scoped after that prefix; bare :root rules (custom properties) stay global. Prints what it changed.
import { readFileSync, writeFileSync } from 'node:fs';

const [file, scope] = process.argv.slice(2);
if (!file || !scope) {
  console.error('usage: scope-view-css.mjs FILE SCOPE');
  process.exit(2);
}
const roots = [...scope.matchAll(/\.[a-z][a-z0-9-]*/g)].map((m) => m[0]);
const css = readFileSync(file, 'utf8');

function scoped(selector) {
  const s = selector.trim();
  if (s === '' || /^(from|to|\d+%)$/.test(s)) return s;
  if (roots.some((r) => s === r || s.startsWith(r + ' ') || s.startsWith(r + '.') || s.startsWith(r + ':') || s.startsWith(r + '>') || s.startsWith(r + '['))) return s;
  const theme = /^(:root(\[[^\]]*\])*)(\s+|$)/.exec(s);
  if (theme) {
    const rest = s.slice(theme[0].length);
    return rest === '' ? s : `${theme[1]} ${scoped(rest)}`;
  }
  return `${scope} ${s}`;
}

// split the selector list at top-level commas (not inside parentheses)
function selectors(list) {
  const out = [];
  let depth = 0;
  let cur = '';
  for (const ch of list) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

let out = '';
let i = 0;
let changed = 0;
function block(end) {
  while (i < css.length) {
    if (css.startsWith('/*', i)) {
      const j = css.indexOf('*/', i + 2) < 0 ? css.length : css.indexOf('*/', i + 2) + 2;
      out += css.slice(i, j);
      i = j;
      continue;
    }
    if (css[i] === '}') {
      out += '}';
      i++;
      if (end) return;
      continue;
    }
    if (/\s/.test(css[i])) {
      out += css[i++];
      continue;
    }
    const brace = css.indexOf('{', i);
    const close = css.indexOf('}', i);
    if (brace < 0 || (close >= 0 && close < brace)) {
      out += css.slice(i, close < 0 ? css.length : close);
      i = close < 0 ? css.length : close;
      if (close < 0) return;
      continue;
    }
    const head = css.slice(i, brace);
    const lead = head.match(/^\s*/)[0];
    const text = head.slice(lead.length);
    if (text.startsWith('@media') || text.startsWith('@supports')) {
      out += head + '{';
      i = brace + 1;
      block(true);
      continue;
    }
    const body = css.indexOf('}', brace);
    const list = selectors(text.trimEnd());
    const next = list.map(scoped).join(', ');
    if (next !== text.trimEnd()) changed++;
    out += lead + next + ' {' + css.slice(brace + 1, body + 1);
    i = body + 1;
  }
}
block(false);
writeFileSync(file, out);
console.log(`${file}: ${changed} rules scoped under ${scope}`);
