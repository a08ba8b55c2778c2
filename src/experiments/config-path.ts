/**
 * Config paths: the one spelling of "a value inside a run's config" that the store filters and sorts by
 * (`runs list --config optimizer.type=adam`, `--sort config.optimizer.lr`), sweeps vary (`--grid
 * optimizer.lr=0.1,0.01`, the app's sweep form) and flattened configs name their columns with (the run
 * table, `runs list --format csv`):
 *
 *   optimizer.lr    batch_size    optimizers[1].beta1    model.hidden[0]
 *
 * A path starts with a key; keys are identifiers (`[A-Za-z_][A-Za-z0-9_]*`) joined by dots; `[n]` picks
 * the n-th element of an array. It is also SQLite's JSON path once "$." is put in front. Pure (no Node,
 * no DOM): the CLI, the store, the host's protocol and the renderer share it.
 */

/** A key of an object or an index into an array. */
export type PathSegment = string | number;

export const CONFIG_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/;

/** What a bad path is told, after "expected ". */
export const CONFIG_PATH_FORM = 'a dotted path such as optimizer.lr';

export function isConfigPath(text: string): boolean {
  return CONFIG_PATH.test(text);
}

/** "optimizers[1].beta1" → ["optimizers", 1, "beta1"]; null when `text` is not a config path. */
export function parseConfigPath(text: string): PathSegment[] | null {
  if (!CONFIG_PATH.test(text)) return null;
  return [...text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

/** ["optimizers", 1, "beta1"] → "optimizers[1].beta1": keys joined by dots, indices in brackets. */
export function formatConfigPath(segments: readonly PathSegment[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The last key of a path with the indices after it: "optimizers[1].beta1" → "beta1", "model.hidden[0]" → "hidden[0]". */
export function lastKey(path: string): string {
  const segments = segmentsOf(path);
  let i = segments.length - 1;
  while (i > 0 && typeof segments[i] === 'number') i--;
  return formatConfigPath(segments.slice(i));
}

function segmentsOf(path: string | readonly PathSegment[]): readonly PathSegment[] {
  if (typeof path !== 'string') return path;
  const segments = parseConfigPath(path);
  if (!segments) throw new RangeError(`expected ${CONFIG_PATH_FORM}, got ${JSON.stringify(path)}`);
  return segments;
}

/** Only a container's own entries count: "constructor" or "__proto__" never reach a prototype. */
function own(at: unknown, key: PathSegment): unknown {
  if (typeof at !== 'object' || at === null) return undefined;
  if (typeof key === 'number' ? !Array.isArray(at) : Array.isArray(at)) return undefined;
  return Object.hasOwn(at, key) ? (at as Record<PathSegment, unknown>)[key] : undefined;
}

/** The value at `path` in `obj` (undefined when a step is missing: a key of a non-object, an index of a non-array). */
export function getConfigValue(obj: unknown, path: string | readonly PathSegment[]): unknown {
  let at = obj;
  for (const key of segmentsOf(path)) {
    at = own(at, key);
    if (at === undefined) return undefined;
  }
  return at;
}

/**
 * A deep copy of `obj` with `value` at `path`. Missing steps are created on the way: an array before an
 * index, an object before a key; a step that holds a plain value, or the wrong kind of container, is
 * replaced. `obj` itself is never changed.
 */
export function setConfigValue(obj: unknown, path: string | readonly PathSegment[], value: unknown): unknown {
  const segments = segmentsOf(path);
  const root: unknown = typeof obj === 'object' && obj !== null ? structuredClone(obj) : typeof segments[0] === 'number' ? [] : {};
  let at = root as Record<PathSegment, unknown>;
  segments.forEach((key, i) => {
    if (i === segments.length - 1) {
      Object.defineProperty(at, key, { value, writable: true, enumerable: true, configurable: true });
      return;
    }
    const next = segments[i + 1]!;
    let child = own(at, key);
    if (typeof child !== 'object' || child === null || Array.isArray(child) !== (typeof next === 'number')) {
      child = typeof next === 'number' ? [] : {};
      Object.defineProperty(at, key, { value: child, writable: true, enumerable: true, configurable: true });
    }
    at = child as Record<PathSegment, unknown>;
  });
  return root;
}
