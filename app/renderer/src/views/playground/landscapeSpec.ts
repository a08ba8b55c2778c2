/**
 * What the playground races on: a built-in landscape of the engine's catalog (with its parameters) or a
 * typed formula, turned into the engine's FunctionSpec, plus what the map needs to know about it — the
 * default start, the known minima (moved with the parameters where they depend on them) and the title.
 */
import { LANDSCAPES, type HyperMeta } from '../../../../../src/native/catalog';
import type { FunctionSpec } from '../../../../../src/native/schemas';

export type LandscapeMeta = (typeof LANDSCAPES)[number];

export type LandscapeChoice =
  | { kind: 'builtin'; name: string; params: Record<string, number> }
  | { kind: 'formula'; formula: string };

/** The engine's generic start for a formula (native/core/landscape/make_landscape.cpp, kFormulaStart). */
export const FORMULA_START: [number, number] = [-2, 2];
export const DEFAULT_FORMULA = 'x^2 + 3*y^2';

export function landscapeMeta(name: string): LandscapeMeta | undefined {
  return LANDSCAPES.find((l) => l.name === name);
}

export function landscapeParams(meta: LandscapeMeta | undefined): readonly HyperMeta[] {
  return (meta?.params ?? []) as readonly HyperMeta[];
}

/** The FunctionSpec: "rosenbrock", {name, params} when a parameter differs from its default, or {formula}. */
export function functionSpec(choice: LandscapeChoice): FunctionSpec {
  if (choice.kind === 'formula') return { formula: choice.formula };
  const meta = landscapeMeta(choice.name);
  const changed: Record<string, number> = {};
  for (const p of landscapeParams(meta)) {
    const v = choice.params[p.name];
    if (typeof v === 'number' && v !== p.default) changed[p.name] = v;
  }
  return Object.keys(changed).length > 0 ? { name: choice.name, params: changed } : choice.name;
}

/** Where a race starts unless the user clicked elsewhere. */
export function defaultStart(choice: LandscapeChoice): [number, number] {
  if (choice.kind === 'formula') return [...FORMULA_START];
  const meta = landscapeMeta(choice.name);
  return meta ? [meta.start[0], meta.start[1]] : [...FORMULA_START];
}

/** The known minima with the chosen parameters (Rosenbrock's moves to (a, a²)); none for a formula. */
export function knownMinima(choice: LandscapeChoice): { x: number; y: number; f: number }[] {
  if (choice.kind === 'formula') return [];
  const meta = landscapeMeta(choice.name);
  if (!meta) return [];
  if (meta.name === 'rosenbrock') {
    const a = choice.params.a ?? 1;
    return [{ x: a, y: a * a, f: 0 }];
  }
  return meta.minima.map((m) => ({ x: m.x, y: m.y, f: m.f }));
}

/** A stable key for "the landscape changed" (grid reload, run reset). */
export function choiceKey(choice: LandscapeChoice): string {
  return JSON.stringify(functionSpec(choice));
}
