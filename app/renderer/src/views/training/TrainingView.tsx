/**
 * The training lab (in the spirit of TensorFlow Playground, on the engine's real numbers): pick or
 * draw a 2-D data set (or a 1-D regression set), build the MLP, choose the optimizer and batch size,
 * then play / pause / step / reset (Space, →, R) and watch the decision boundary or fitted curve, the
 * losses and accuracies as it learns. Hyper-parameters edited while it runs (the learning rate above
 * all) are sent to the running run at once.
 * The pieces: DatasetPicker, ModelBuilder, OptimizerPanel (settings), PointsCanvas + PlotLegend (the
 * plot), MetricsPanel (numbers, charts), RunStatus; useTrainingRun drives the run over the protocol.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { ErrorDetails, splitError } from '../../components/ErrorMessage';
import { ActiveRuns } from '../../controls/ActiveRuns';
import { useAdoptWhenReady } from '../../controls/useAdoptWhenReady';
import type { OptimizerValue } from '../../components/OptimizerEditor';
import { useI18n } from '../../i18n/i18n';
import { DatasetPicker } from './DatasetPicker';
import { DRAW_VIEW, drawnReady, type DrawnPoint } from './drawnData';
import { MetricsPanel } from './MetricsPanel';
import { ModelBuilder } from './ModelBuilder';
import { OptimizerPanel } from './OptimizerPanel';
import { PlotLegend } from './PlotLegend';
import { PointsCanvas } from './PointsCanvas';
import { TrainingRunBar } from './TrainingRunBar';
import { useValidity, ValidityContext } from '../../components/FieldValidity';
import type { ChartEvent } from '../../charts/LiveChart';
import { csvSpec, readCsvChoice } from './csvFile';
import { batchFits, datasetKind, datasetMeta, datasetSpec, loadForm, runName, saveForm, toTrainConfig, trainFormFromConfig, type TrainForm } from './trainForm';
import { clearPendingPreset, readPendingPreset } from '../../presets/pendingPreset';
import { SavePresetButton } from '../../presets/SavePresetButton';
import { PictureTools } from '../../recording/PictureTools';
import { trainLab } from '../../../../../src/labs/train';
import { useDatasetPoints } from './useDatasetPoints';
import { useTrainingRun } from './useTrainingRun';
import './training.css';

const SPEEDS = [0, 1000, 300, 100, 30, 10];

/** The hyper-parameters that differ between two values of the same optimizer (to send live). */
function changedHypers(before: OptimizerValue, after: OptimizerValue): Record<string, number | boolean> {
  const set: Record<string, number | boolean> = {};
  for (const [k, v] of Object.entries(after)) if ((typeof v === 'number' || typeof v === 'boolean') && before[k] !== v) set[k] = v;
  return set;
}

export default function TrainingView() {
  const { t, lang } = useI18n();
  // a lesson's preset when the view was opened from one (read once; cleared after mounting), else the session's form
  const [form, setForm] = useState<TrainForm>(() => {
    const c = readPendingPreset('training');
    return (c ? trainFormFromConfig(c) : null) ?? loadForm();
  });
  useEffect(() => clearPendingPreset(), []);
  useEffect(() => saveForm(form), [form]);
  const [drawClass, setDrawClass] = useState(0);
  const run = useTrainingRun();
  const runOptimizer = useRef<string | null>(null);

  const patch = useCallback((p: Partial<TrainForm>) => setForm((f) => ({ ...f, ...p })), []);
  const kind = datasetKind(form);
  const regression = kind === 'regression';
  const drawing = form.dataset === 'draw';
  const csv = useMemo(() => readCsvChoice(form.dataset === 'file' ? form.csv : null), [form.dataset, form.csv]);
  const ready = drawing ? drawnReady(form.drawn) : form.dataset === 'file' ? csv.points !== null : true;
  const spec = useMemo(
    // an opened file is read once (csv above), not again for the spec
    () => (!ready ? null : form.dataset === 'file' ? csvSpec(csv) : datasetSpec({ dataset: form.dataset, params: form.params, drawn: form.drawn })),
    [ready, form.dataset, form.params, form.drawn, csv],
  );
  const specKey = spec ? JSON.stringify(spec) : null;
  const data = useDatasetPoints(spec);
  const upToDate = data.key === specKey;
  const fresh = data.points && data.points.kind === kind ? data.points : null;
  const points = drawing ? (upToDate ? fresh : null) : fresh;
  const pending = drawing && !upToDate ? form.drawn : undefined;
  const classes = points?.classes ?? (drawing ? Math.max(2, ...form.drawn.map((p) => p.label + 1)) : 2);
  const bounds = drawing ? DRAW_VIEW : (points?.view ?? datasetMeta(form.dataset)?.view ?? DRAW_VIEW);
  const error = upToDate ? data.error : null;

  const live = run.phase === 'running' || run.phase === 'paused' || run.phase === 'starting';
  const trainRows = points && upToDate ? points.nTrain : null;
  // fields whose text is not a valid value hold Play (it would run the previous values)
  const validity = useValidity();
  const canStart = ready && !error && specKey !== null && batchFits(form.batchSize, trainRows) && validity.invalid.length === 0;
  const config = () => toTrainConfig(form, classes, spec ?? undefined);
  const begin = (fn: typeof run.play) => {
    if (!canStart || specKey === null) return;
    runOptimizer.current = form.optimizer.type;
    fn(config(), specKey, runName(form));
  };

  // a run left going by a reloaded page, opened here (controls/ActiveRuns): followed once its data are read
  useAdoptWhenReady('train', canStart && specKey !== null, (p) => {
    runOptimizer.current = form.optimizer.type;
    run.adopt(config(), specKey!, runName(form), p.id, p.status);
  });

  // the run's live changes, marked on its step chart (the store records them as the run's events)
  const [events, setEvents] = useState<{ run: number | null; list: ChartEvent[] }>({ run: null, list: [] });
  const onOptimizer = (v: OptimizerValue) => {
    if (live && v.type === runOptimizer.current && v.type === form.optimizer.type) {
      const set = changedHypers(form.optimizer, v);
      if (Object.keys(set).length > 0) {
        run.update(set);
        const step = Number.isFinite(run.live.numbers.step) ? run.live.numbers.step : 0;
        const label = Object.entries(set).map(([k, x]) => `${k} ${String(form.optimizer[k])}→${String(x)}`).join(', ');
        setEvents((e) => ({ run: run.runId, list: [...(e.run === run.runId ? e.list : []), { x: step, label }] }));
      }
    }
    patch({ optimizer: v });
  };
  const runEvents = events.run === run.runId ? events.list : [];

  const addPoint = (p: DrawnPoint) => setForm((f) => ({ ...f, drawn: [...f.drawn, p] }));

  return (
    <ValidityContext.Provider value={validity.reporter}>
    <div className="training" data-testid="training-view" data-run-id={run.runId ?? ''}>
      <aside className="training-settings">
        <DatasetPicker form={form} onChange={patch} drawClass={drawClass} onDrawClass={setDrawClass} points={points} error={error} csv={csv} disabled={live} />
        <ModelBuilder form={form} onChange={patch} kind={kind} classes={classes} disabled={live} />
        <OptimizerPanel form={form} onChange={patch} onOptimizer={onOptimizer} live={live} numbers={run.live.numbers} trainRows={trainRows} />
      </aside>
      <section className="training-stage">
        <TrainingRunBar run={run} config={config} dataKey={specKey ?? ''} begin={begin} canStart={canStart} speeds={SPEEDS} />
        <SavePresetButton testId="training-save-preset" lab={trainLab.id} config={canStart ? () => config() as unknown as Record<string, unknown> : null} />
        <PictureTools target='[data-testid="training-canvas"]' name="boundary" prefix="training" />
        {!live && validity.invalid.length > 0 && (
          <p className="field-error" role="alert" data-testid="training-blocked">
            {t('training.blocked', { fields: validity.invalid.join(lang === 'zh-CN' ? '、' : ', ') })}
          </p>
        )}
        <ActiveRuns lab="train" own={run.runId} />
        {run.error && (
          <p className="field-error" role="alert" data-testid="training-error">
            {t('training.error.control', { reason: splitError(run.error).text })}
            <ErrorDetails message={run.error} />
          </p>
        )}
        <PointsCanvas
          points={points}
          {...(pending ? { pending } : {})}
          bounds={bounds}
          regression={regression}
          frame={run.live.frame}
          showFrame={run.datasetKey !== null && run.datasetKey === specKey}
          drawClass={drawing && !live ? drawClass : null}
          onAdd={addPoint}
          label={t('training.canvas.label')}
        />
        <PlotLegend classes={classes} regression={regression} {...(form.dataset === 'file' && csv.points?.classNames ? { names: csv.points.classNames } : {})} />
      </section>
      <MetricsPanel live={run.live} regression={regression} events={runEvents} />
    </div>
    </ValidityContext.Provider>
  );
}
