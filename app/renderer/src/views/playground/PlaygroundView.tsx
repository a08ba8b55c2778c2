/**
 * The optimizer playground: a landscape (built-in or typed) drawn from the engine's grid, several
 * optimizers racing on it from a start the user clicks, play / pause / step / reset / speed, the live
 * loss chart and the numbers of each update. Hyper-parameter, noise and speed edits reach a running race
 * live (runs/update). Streamed points live in a TrajectoryStore and are drawn once per frame.
 */
import { useEffect, useMemo, useRef, useState } from 'react';

import { ErrorDetails, splitError } from '../../components/ErrorMessage';
import { MAX_RACE_STEPS } from '../../../../../src/native/schemas';
import { catalogText } from '../../catalog/catalogText';
import { optimizerMeta, resolvedHypers, toOptimizerSpec, type OptimizerValue } from '../../components/OptimizerEditor';
import { useValidity, ValidityContext } from '../../components/FieldValidity';
import { useClient } from '../../connection/ClientProvider';
import { ActiveRuns } from '../../controls/ActiveRuns';
import { RunControls } from '../../controls/RunControls';
import { useI18n } from '../../i18n/i18n';
import { ExactRows } from './exactRows';
import { LandscapeCanvas } from './LandscapeCanvas';
import type { Bounds } from './mapGeometry';
import { MapViewTools } from './MapViewTools';
import { PictureTools } from '../../recording/PictureTools';
import { LandscapePicker } from './LandscapePicker';
import { useAdoptWhenReady } from '../../controls/useAdoptWhenReady';
import { clearPendingPreset, readPendingPreset } from '../../presets/pendingPreset';
import { choiceKey, defaultStart, functionSpec, knownMinima, type LandscapeChoice } from './landscapeSpec';
import { raceFormFromConfig } from './raceForm';
import { savePresetFile } from '../../presets/presetFiles';
import { raceLab } from '../../../../../src/labs/race';
import { LossChart } from './LossChart';
import { NumberField } from './NumberField';
import { NumbersPanel } from './NumbersPanel';
import { OptimizerList, type OptimizerEntry } from './OptimizerList';
import { RACE_COLORS } from './raceColors';
import { StartNotDefined } from './StartNotDefined';
import { StepCounter } from './StepCounter';
import { TrajectoryStore } from './TrajectoryStore';
import { useLandscape } from './useLandscape';
import { useRace, type RaceSetup } from './useRace';
import './playground.css';

const SPEEDS = [10, 30, 100, 300, 0];
const STEPS_RANGE = { kind: 'integer', min: 1, max: MAX_RACE_STEPS, minExclusive: false, maxExclusive: false } as const;
const SIGMA_RANGE = { kind: 'number', min: 0, max: null, minExclusive: false, maxExclusive: false } as const;

const INITIAL_OPTIMIZERS: OptimizerEntry[] = [
  { key: 1, color: RACE_COLORS[0]!, value: { type: 'adam', lr: 0.01 } },
  { key: 2, color: RACE_COLORS[3]!, value: { type: 'momentum', lr: 0.001, beta: 0.9 } },
];

export default function PlaygroundView() {
  const { t, lang } = useI18n();
  const client = useClient();
  const store = useMemo(() => new TrajectoryStore(), []);
  // rows of steps a long race's tracks no longer keep, read from the store for the numbers panel and the map's ring
  const exact = useMemo(() => new ExactRows(), []);
  const [speed, setSpeed] = useState(30);
  const race = useRace(store, speed);

  // a lesson's preset, when the view was opened from one (read once; cleared after mounting)
  const [preset] = useState(() => {
    const c = readPendingPreset('playground');
    return c ? raceFormFromConfig(c) : null;
  });
  useEffect(() => clearPendingPreset(), []);
  const [choice, setChoice] = useState<LandscapeChoice>(preset?.choice ?? { kind: 'builtin', name: 'rosenbrock', params: {} });
  // the map's view: a range of this landscape's (zoomed, panned, typed), or its own range
  const [view, setViewState] = useState<{ key: string; bounds: Bounds } | null>(null);
  const viewBounds = view && view.key === choiceKey(choice) ? view.bounds : null;
  const setView = (bounds: Bounds | null) => setViewState(bounds ? { key: choiceKey(choice), bounds } : null);
  const landscape = useLandscape(client, choice, viewBounds);
  const applied = landscape.applied;
  const [start, setStart] = useState<[number, number] | null>(null);
  const [entries, setEntries] = useState<OptimizerEntry[]>(preset?.entries ?? INITIAL_OPTIMIZERS);
  const [steps, setSteps] = useState(preset?.steps ?? 500);
  const [sigma, setSigma] = useState(preset?.sigma ?? 0);
  const [selectedKey, setSelectedKey] = useState((preset?.entries ?? INITIAL_OPTIMIZERS)[0]!.key);
  const [numbersStep, setNumbersStep] = useState<number | null>(null);
  const [pendingType, setPendingType] = useState<Set<number>>(new Set());
  /** the hyper-parameters each optimizer of the running race has now (after live changes) */
  const liveHypers = useRef<Record<string, number | boolean>[]>([]);

  const theStart: [number, number] = start ?? (applied ? defaultStart(applied.choice) : [0, 0]);
  const minima = useMemo(() => (applied ? knownMinima(applied.choice) : []), [applied]);
  const fStar = minima.length > 0 ? Math.min(...minima.map((m) => m.f)) : null;

  // a new landscape: a new race from its own default start
  const appliedKey = applied?.key;
  const { reset } = race;
  useEffect(() => {
    setStart(null);
    void reset();
  }, [appliedKey, reset]);

  // a run left going by a reloaded page, opened here (controls/ActiveRuns): taken over once its landscape
  // is drawn (after the reset above), from the start it was raced from
  const [presetStart] = useState(() => {
    const c = readPendingPreset('playground');
    return Array.isArray(c?.start) ? (c.start as [number, number]) : null;
  });
  useAdoptWhenReady('race', applied !== null && applied.key === choiceKey(choice), (p) => {
    if (!applied) return;
    const from = presetStart ?? defaultStart(applied.choice);
    setStart(from);
    race.adopt({ function: functionSpec(applied.choice), start: from, steps, sigma, optimizers: entries.map((e) => toOptimizerSpec(e.value)), keys: entries.map((e) => e.key) }, p.id, p.status);
  });

  // Play and Step start nothing while a field is invalid or the map is not the chosen landscape yet:
  // they would run the previous values (and record them as a run) while the fields say otherwise
  const validity = useValidity();
  const landscapePending = !applied || applied.key !== choiceKey(choice);
  const blockedBy = validity.invalid.length > 0 ? validity.invalid : landscape.error ? [t('playground.landscape')] : [];
  const blocked = blockedBy.length > 0 || landscapePending;

  const run = race.run;
  const setup = (): RaceSetup | null =>
    applied && !blocked
      ? {
          function: functionSpec(applied.choice),
          start: theStart,
          steps,
          sigma,
          optimizers: entries.map((e) => toOptimizerSpec(e.value)),
          keys: entries.map((e) => e.key),
        }
      : null;

  useEffect(() => {
    if (run) liveHypers.current = run.optimizers.map((o) => resolvedHypers(o as OptimizerValue));
    setPendingType(new Set());
    setNumbersStep(null);
    exact.clear();
  }, [run, exact]);

  const freshRun = () => {
    if (race.phase !== 'idle') void race.reset();
  };

  const onEdit = (key: number, value: OptimizerValue) => {
    setEntries((list) => list.map((e) => (e.key === key ? { ...e, value } : e)));
    const i = run && race.live ? run.keys.indexOf(key) : -1;
    if (!run || i < 0) {
      if (race.phase === 'ended') freshRun();
      return;
    }
    const runType = (run.optimizers[i] as OptimizerValue).type;
    setPendingType((s) => {
      const next = new Set(s);
      if (value.type !== runType) next.add(key);
      else next.delete(key);
      return next;
    });
    if (value.type !== runType) return;
    const now = resolvedHypers(value);
    const had = liveHypers.current[i] ?? {};
    const set: Record<string, number | boolean> = {};
    for (const [name, v] of Object.entries(now)) if (had[name] !== v) set[name] = v;
    if (Object.keys(set).length === 0) return;
    liveHypers.current[i] = now;
    void race.update({ optimizer: i, set });
  };

  // what the numbers panel and the chart describe: the run's optimizers while there is a run
  const shown = run
    ? run.keys.map((key, i) => {
        const e = entries.find((x) => x.key === key);
        const value = e && e.value.type === (run.optimizers[i] as OptimizerValue).type ? e.value : (run.optimizers[i] as OptimizerValue);
        return { key, value, color: e?.color ?? RACE_COLORS[i % RACE_COLORS.length]! };
      })
    : entries.map((e) => ({ key: e.key, value: e.value, color: e.color }));
  const colors = shown.map((s) => s.color);
  const labels = shown.map((s, i) => `#${i + 1} ${catalogText(lang, optimizerMeta(s.value.type)?.title ?? s.value.type)}`);
  const selectedIndex = Math.max(0, shown.findIndex((s) => s.key === selectedKey));

  const statusOf = (key: number) => {
    const i = run ? run.keys.indexOf(key) : -1;
    return i >= 0 ? race.statusOf(i) : 'idle';
  };

  return (
    <ValidityContext.Provider value={validity.reporter}>
    <div className="pg" data-testid="pg" data-landscape={applied?.key ?? ''} data-phase={race.phase} data-run={run?.id ?? ''}>
      <aside className="pg-side">
        <LandscapePicker choice={choice} onChoice={setChoice} error={landscape.error} />
        <section className="pg-card pg-settings" aria-label={t('playground.race')}>
          <NumberField
            label={t('playground.steps')}
            value={steps}
            range={STEPS_RANGE}
            testId="pg-steps"
            onChange={(v) => {
              setSteps(v);
              if (race.phase === 'ended') freshRun();
            }}
          />
          <NumberField
            label={t('playground.noise')}
            value={sigma}
            range={SIGMA_RANGE}
            testId="pg-noise"
            onChange={(v) => {
              setSigma(v);
              if (race.live) void race.update({ noise: { sigma: v } });
            }}
          />
        </section>
        <OptimizerList
          entries={entries}
          onEntries={(list) => {
            setEntries(list);
            if (!list.some((e) => e.key === selectedKey)) setSelectedKey(list[0]!.key);
            freshRun();
          }}
          onEdit={onEdit}
          selected={selectedKey}
          onSelect={setSelectedKey}
          locked={race.live}
          steps={steps}
          pendingType={pendingType}
          store={store}
          statusOf={statusOf}
        />
        <button
          type="button"
          className="ghost advanced"
          data-testid="pg-save-preset"
          title={t('preset.save_hint')}
          disabled={blocked}
          onClick={() =>
            savePresetFile(raceLab.id, {
              function: functionSpec(choice),
              ...(start ? { start } : {}),
              steps,
              ...(sigma > 0 ? { noise: { sigma } } : {}),
              optimizers: entries.map((e) => toOptimizerSpec(e.value)),
            })
          }
        >
          {t('preset.save')}
        </button>
      </aside>
      <section className="pg-center">
        <div className="pg-toolbar">
          <RunControls
            running={race.phase === 'running'}
            disabled={!applied || (!race.live && blocked)}
            onPlay={() => {
              const s = setup();
              if (s) void race.play(s, speed);
            }}
            onPause={() => void race.pause()}
            onStep={() => {
              const s = setup();
              if (s) void race.step(s);
            }}
            onReset={() => void race.reset()}
            speed={speed}
            speeds={SPEEDS}
            onSpeed={(v) => {
              setSpeed(v);
              race.setSpeed(v);
            }}
          />
        </div>
        {!race.live && blockedBy.length > 0 && (
          <div className="field-error pg-run-error" role="alert" data-testid="pg-blocked">
            {t('playground.blocked', { fields: blockedBy.join(lang === 'zh-CN' ? '、' : ', ') })}
          </div>
        )}
        <ActiveRuns lab="race" own={run?.id ?? null} />
        {run && <StartNotDefined store={store} />}
        {race.error && (
          <div className="field-error pg-run-error" role="alert" data-testid="pg-run-error">
            {t('playground.control.error', { message: splitError(race.error).text })}
            <ErrorDetails message={race.error} />
          </div>
        )}
        <div className="pg-map-tools">
          <MapViewTools bounds={applied?.grid.bounds ?? null} zoomed={viewBounds !== null} onView={setView} />
          <PictureTools target='[data-testid="pg-map"]' name="race" prefix="pg" />
        </div>
        <div className="pg-map-wrap">
          <LandscapeCanvas
            grid={applied?.grid ?? null}
            minima={minima}
            start={theStart}
            store={store}
            colors={colors}
            selected={selectedIndex}
            label={t('playground.map.label')}
            mark={numbersStep}
            exact={(i, step) => {
              const row = run ? exact.get(run.id, i, step) : undefined;
              return row ? { x: row.x!, y: row.y! } : null;
            }}
            exactVersion={() => exact.version}
            markLabel={numbersStep === null ? '' : t('playground.map.mark', { k: numbersStep })}
            onView={setView}
            onPick={(x, y) => {
              setStart([x, y]);
              freshRun();
            }}
          />
          <StepCounter store={store} />
        </div>
        <div className="pg-legend">
          <span className="pg-legend-item" data-testid="pg-start">
            <span className="pg-mark-start" /> {t('playground.legend.start')} ({theStart.map((v) => String(v).replace('-', '−')).join(', ')})
          </span>
          {minima.length > 0 && (
            <span className="pg-legend-item">
              <span className="pg-mark-min">★</span> {t('playground.legend.minimum')}
            </span>
          )}
          <span className="pg-help">{landscape.loading && !applied ? t('playground.grid.loading') : t('playground.map.hint')}</span>
        </div>
      </section>
      <section className="pg-right">
        <LossChart store={store} labels={labels} colors={colors} ended={race.phase === 'ended'} fStar={fStar} runKey={String(run?.id ?? 'none')} mark={numbersStep} markLabel={numbersStep === null ? '' : t('playground.map.mark', { k: numbersStep })} />
        <NumbersPanel
          store={store}
          optimizers={shown}
          index={selectedIndex}
          onIndex={(i) => setSelectedKey(shown[i]!.key)}
          step={numbersStep}
          onStep={setNumbersStep}
          runId={run?.id ?? null}
          exact={exact}
        />
      </section>
    </div>
    </ValidityContext.Provider>
  );
}
