/**
 * Stepping through a graph: step k of forward.length + backward.length. Steps 1…F reveal one node's value
 * each, in the graph's forward (topological) order; steps F+1…F+B reveal one gradient each, in its
 * backward order (output first). Play advances one node every `intervalMs` and stops at the end; a new
 * graph starts again at step 0.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';

export interface StepOrder {
  forward: number[];
  backward: number[];
}

export type Phase = 'idle' | 'forward' | 'backward' | 'done';

export interface GraphStep {
  step: number;
  total: number;
  phase: Phase;
  /** the node this step revealed (null before the first step) */
  current: number | null;
  /** which pass `current` belongs to */
  currentPass: 'forward' | 'backward' | null;
  /** position within the current pass, 1-based, and that pass's length */
  passIndex: number;
  passLength: number;
  hasValue: (id: number) => boolean;
  hasGrad: (id: number) => boolean;
}

export function stepState(order: StepOrder, at: number): GraphStep {
  const F = order.forward.length;
  const B = order.backward.length;
  const total = F + B;
  const step = Math.max(0, Math.min(at, total));  // never past this graph's end, whatever was asked
  const forwardDone = Math.min(step, F);
  const backwardDone = Math.max(0, step - F);
  const valued = new Set(order.forward.slice(0, forwardDone));
  const graded = new Set(order.backward.slice(0, backwardDone));
  const inBackward = step > F;
  return {
    step,
    total,
    phase: step === 0 ? 'idle' : step >= total ? 'done' : inBackward ? 'backward' : 'forward',
    current: step === 0 ? null : inBackward ? order.backward[backwardDone - 1]! : order.forward[forwardDone - 1]!,
    currentPass: step === 0 ? null : inBackward ? 'backward' : 'forward',
    passIndex: inBackward ? backwardDone : forwardDone,
    passLength: inBackward ? B : F,
    hasValue: (id) => valued.has(id),
    hasGrad: (id) => graded.has(id),
  };
}

export function useGraphStepper(order: StepOrder | null, intervalMs = 800) {
  // The step belongs to the graph it was taken on: a new graph is at step 0 in the very render that
  // shows it (a reset in an effect came one render late, and that render read past the new graph's
  // nodes — #11's blank page).
  const [at, setAt] = useState<{ order: StepOrder | null; step: number }>({ order, step: 0 });
  const [playing, setPlaying] = useState(false);
  const total = order ? order.forward.length + order.backward.length : 0;
  const step = at.order === order ? Math.min(at.step, total) : 0;
  const setStep = useCallback((next: (s: number) => number) => setAt((prev) => ({ order, step: next(prev.order === order ? prev.step : 0) })), [order]);

  useEffect(() => setPlaying(false), [order]);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setStep((s) => Math.min(s + 1, total));
    }, intervalMs);
    return () => clearInterval(timer);
  }, [playing, total, intervalMs, setStep]);

  useEffect(() => {
    if (playing && step >= total) setPlaying(false);
  }, [playing, step, total]);

  const play = useCallback(() => {
    setStep((s) => (s >= total ? 0 : s));
    setPlaying(true);
  }, [total, setStep]);
  const pause = useCallback(() => setPlaying(false), []);
  const stepOnce = useCallback(() => setStep((s) => Math.min(s + 1, total)), [total, setStep]);
  const reset = useCallback(() => {
    setPlaying(false);
    setStep(() => 0);
  }, [setStep]);

  const state = useMemo(() => stepState(order ?? { forward: [], backward: [] }, step), [order, step]);
  return { state, playing, play, pause, step: stepOnce, reset };
}
