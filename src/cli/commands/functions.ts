/**
 * `gradlab functions`: the built-in landscapes with their minima, default start and view; and
 * `gradlab optimizers`: the update rules with their hyper-parameters and defaults.
 */
import { significantText } from '../../format/number.js';
import { listLandscapes, listOptimizers } from '../../native/index.js';
import { csv, json, table, type Format } from '../format.js';

export function functionsCommand(format: Format): string {
  const list = listLandscapes();
  if (format === 'json') return json(list);
  const headers = ['name', 'formula', 'minima (x, y) → f', 'start', 'bounds', 'params'];
  const rows = list.map((l) => [
    l.name,
    l.formula,
    l.minima.length === 0 ? 'none (unbounded below)' : l.minima.map((m) => `(${significantText(m.x, 7)}, ${significantText(m.y, 7)}) → ${significantText(m.f, 7)}`).join('; '),
    `(${l.start[0]}, ${l.start[1]})`,
    `[${l.bounds.xmin}, ${l.bounds.xmax}]×[${l.bounds.ymin}, ${l.bounds.ymax}]`,
    l.params.map((p) => `${p.name}=${String(p.default)}`).join(' '),
  ]);
  return format === 'csv' ? csv(headers, rows) : table(headers, rows);
}

export function optimizersCommand(format: Format): string {
  const list = listOptimizers();
  if (format === 'json') return json(list);
  const headers = ['type', 'title', 'update rule', 'hyper-parameters (defaults)', 'paper'];
  const rows = list.map((o) => [o.type, o.title, o.formula, o.hypers.map((h) => `${h.name}=${String(h.default)}`).join(' '), o.paper]);
  return format === 'csv' ? csv(headers, rows) : table(headers, rows);
}
