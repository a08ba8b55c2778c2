/**
 * A run's config (or its final / best metrics) as flat columns, one per value, each named by its config
 * path (config-path.ts). The run table of the app and `gradlab runs list --format csv` both use it:
 *
 *   nested objects           → dotted paths:                   dataset.name, optimizer.lr
 *   arrays holding an object → one column per element by index: optimizers[0].lr (a plain element
 *     or an array              among them: layers[3])
 *   other arrays             → one column, the array as JSON:  model.hidden = "[16,16]", "[]"
 *   numbers, strings, booleans, null → as they are; empty objects and undefined → no column
 *
 * A JSON array is the text SQLite's json_extract gives for that path, so the column reads as the store
 * filters and sorts it (`runs list --config 'model.hidden=[16,16]'`). Pure (no Node, no DOM).
 */
import { formatConfigPath, type PathSegment } from './config-path.js';

export type FlatValue = string | number | boolean | null;

export interface FlattenOptions {
  /** put in front of every path: "config" gives "config.optimizer.lr", "config.optimizers[0].lr" */
  prefix?: string;
  /** leave out the value (and all under it) at every path, written without the prefix, this accepts */
  skip?: (path: string) => boolean;
}

const SETTINGS = [/^prediction(\.|\[|$)/, /^init_weights$/, /^save_weights$/, /^dataset\.text$/];

/** Paths of a config that are settings, not hyper-parameters: the prediction frames, weight files, a CSV's text. */
export function isSettingPath(path: string): boolean {
  return SETTINGS.some((re) => re.test(path));
}

export function flattenConfig(value: unknown, options: FlattenOptions = {}): Record<string, FlatValue> {
  const out: Record<string, FlatValue> = {};
  const head: PathSegment[] = options.prefix ? [options.prefix] : [];
  const walk = (v: unknown, path: PathSegment[]) => {
    if (options.skip && path.length > 0 && options.skip(formatConfigPath(path))) return;
    if (v === undefined) return;
    if (v === null || typeof v !== 'object') {
      if (head.length + path.length > 0) out[formatConfigPath([...head, ...path])] = v as FlatValue;
      return;
    }
    if (Array.isArray(v)) {
      if (v.some((e) => typeof e === 'object' && e !== null)) v.forEach((e, i) => walk(e, [...path, i]));
      else if (head.length + path.length > 0) out[formatConfigPath([...head, ...path])] = JSON.stringify(v);
      return;
    }
    for (const [k, e] of Object.entries(v)) walk(e, [...path, k]);
  };
  walk(value, []);
  return out;
}
