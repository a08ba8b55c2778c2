/**
 * The lab kit's descriptor: everything the rest of the app needs to know about a lab, in one pure
 * module per lab (no Node or DOM imports, so the host, the CLI and the renderer all read it). The store
 * (best values), run comparison (x alignment), the CLI's run table and the experiments view (labels,
 * columns, sweeps, overlays) read descriptors and never name a lab; a test fails on a lab id written
 * anywhere outside the lab's own files (test/node/73.lab-kit.test.ts). docs/labs.md: adding a lab.
 */
import type { z } from 'zod';

import type { Derivation } from '../experiments/derived.js';
import type { SweepField } from './sweep-fields.js';

export type Align = 'step' | 'epoch' | 'examples' | 'time';
export interface Names {
  en: string;
  zh: string;
}

/** One column of one stream, stored as the series `${stream}${member || ''}_${column}`. */
export interface SeriesSpec {
  stream: string;
  column: string;
  label: Names;
  unit?: string;
  /** whether the best value is the smallest (losses) or the largest (accuracies); null: no best */
  better: 'min' | 'max' | null;
}

/** How a stream's points map to epochs: from its own `epoch` column, from the step count (batch and training rows of the summary), or not at all. */
export type EpochSource = 'column' | 'steps' | null;

export interface LabDescriptor {
  id: string;
  names: Names;
  configSchema: z.ZodType;
  updateSchema: z.ZodType;
  /** a small valid config, the base of a new sweep */
  defaults: Record<string, unknown>;
  presets: { id: string; names: Names; config: Record<string, unknown> }[];
  series: SeriesSpec[];
  /** per stream: where its epochs come from (for x = epoch or examples seen) */
  streams: Record<string, { epochs: EpochSource }>;
  /** the few config values that tell runs apart, as one line of text */
  keyHypers(config: Record<string, unknown>): string;
  /** a run's name when none is given: "rosenbrock · adam 0.01 vs momentum 0.001" */
  runName(config: Record<string, unknown>): string;
  /** who member `index` of a stream is, in words ("adam 0.01" for race member 1 of that config, "layer
   * 2"); `config` null: the words without a config ("optimizer 2"). Absent or null: the stream has one member. */
  memberName?(stream: string, index: number, config: Record<string, unknown> | null, lang: 'en' | 'zh'): string | null;
  /**
   * Stored series the engine computes from other series of the same rows, by name (a race's m̂ from m,
   * m from gx, ‖∇f‖ from gx and gy): the store keeps their rule instead of their values wherever the
   * rule gives the same bits (experiments/derived.ts). Absent: every series is stored as it comes.
   */
  derivedSeries?(config: Record<string, unknown>): Record<string, Derivation>;
  /** the stored series worth a column in run tables ("epoch_test_acc", "race{i}_f" for every member) */
  keyMetrics: string[];
  /** the config path a new sweep varies first, and the paths a sweep may vary */
  sweepPath: string;
  sweepable: RegExp;
  /** the hyper-parameters a sweep may vary for this config, in words (the sweep form's fields; every path matches `sweepable`) */
  sweepFields(config: Record<string, unknown>): SweepField[];
  frames: string[];
  /** whether a finished run can answer a probe from its stored weights (runs/probe) */
  probe: boolean;
  /** config values a probe outside a session adds to the run's own (frames it need not draw) */
  probeSettings?: Record<string, unknown>;
  /** whether the run leaves trained weights (its config takes save_weights) */
  weights: boolean;
  seed(config: unknown): number | null;
  /** the top-level config field that seeds the run ("seed"): what "repeat over seeds" varies */
  seedPath: string;
  /** what a live update changes, as config paths and their new values ({set: {lr: 0.1}} →
   * {"optimizer.lr": 0.1}); a probe or a change of pace changes nothing of the run's own settings.
   * `config` is the run's (an update without a target may change every member of it). */
  updateChanges(update: Record<string, unknown>, config?: Record<string, unknown>): Record<string, number | boolean>;
  /** the run status for a summary, and the lab's own status word */
  outcome(summary: unknown): { status: 'completed' | 'stopped' | 'diverged'; labStatus: string };
}

/** The outcome of a lab whose summary's own `status` says it: "diverged" and "stopped" as they are, any
 * other word (completed, reached_target, early_stopped…) a completed run with that word. */
export function outcomeOfStatus(summary: unknown): { status: 'completed' | 'stopped' | 'diverged'; labStatus: string } {
  const st = (summary as { status?: string }).status ?? 'completed';
  if (st === 'diverged') return { status: 'diverged', labStatus: st };
  if (st === 'stopped') return { status: 'stopped', labStatus: st };
  return { status: 'completed', labStatus: st };
}

/** "epoch_test_acc" → {stream: "epoch", member: 0, column: "test_acc"}; "race1_f" → member 1. */
export function splitSeries(name: string): { stream: string; member: number; column: string } | null {
  const m = /^([a-z]+)(\d*)_(.+)$/.exec(name);
  return m ? { stream: m[1]!, member: m[2] ? Number(m[2]) : 0, column: m[3]! } : null;
}

export function seriesSpec(d: LabDescriptor, name: string): SeriesSpec | null {
  const s = splitSeries(name);
  return s ? (d.series.find((x) => x.stream === s.stream && x.column === s.column) ?? null) : null;
}

/** Whether series `name` is key metric `key` ("race{i}_f" matches race_f, race1_f…). */
export function matchesKeyMetric(key: string, name: string): boolean {
  return new RegExp(`^${key.replace('{i}', '\\d*')}$`).test(name);
}

/** Whether `name` is one of the lab's key metrics. */
export function isKeyMetric(d: LabDescriptor, name: string): boolean {
  return d.keyMetrics.some((k) => matchesKeyMetric(k, name));
}

/** The x axes a stored series of this lab can be drawn against. */
export function alignments(d: LabDescriptor, name: string): Align[] {
  const s = splitSeries(name);
  const epochs = s ? (d.streams[s.stream]?.epochs ?? null) : null;
  return epochs === null ? ['step', 'time'] : ['step', 'epoch', 'examples', 'time'];
}

/**
 * A stored series in words, in the UI's language: its member (when the stream has several) and its
 * column's label from the descriptor — "adam 0.01 · f(x, y)" for race1_f, "test accuracy" for
 * epoch_test_acc, "layer 2 · layer gradient norm" for layer1_grad_norm. A column the descriptor does
 * not list reads as its name with spaces ("m hat x"); a name that is not a series stays as it is.
 */
export function seriesTitle(d: LabDescriptor | undefined, name: string, config: Record<string, unknown> | null, lang: 'en' | 'zh'): string {
  const s = splitSeries(name);
  if (!s) return name;
  const spec = d?.series.find((x) => x.stream === s.stream && x.column === s.column);
  const label = spec ? spec.label[lang] : s.column.replace(/_/g, ' ');
  const member = d?.memberName?.(s.stream, s.member, config, lang) ?? null;
  return member ? `${member} · ${label}` : label;
}

/** Series that are another series' x (an `epoch` column of a stream whose epochs come from it): not worth a chart of their own. */
export function isAxisSeries(d: LabDescriptor | undefined, name: string): boolean {
  const s = splitSeries(name);
  return !!s && s.column === 'epoch' && !!d && (d.streams[s.stream]?.epochs === 'column' || d.streams[s.stream]?.epochs === 'steps');
}
