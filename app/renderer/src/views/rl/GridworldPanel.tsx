/**
 * The RL lab's grid world panel (lab "gridworld": native/core/labs/gridworld.hpp). Edit the grid as text or
 * pick a preset (Russell & Norvig's 4×3 world, the cliff walk), choose dynamic programming (stepped a
 * sweep at a time) or a model-free learner (an episode at a time, its path walked on the grid), and
 * watch V or Q and the policy change; γ, ε and α change while it runs. Click a cell for its Bellman
 * backup with the real numbers. Charts: the largest change per sweep, or the return per episode with
 * its trailing mean.
 */
import { useEffect, useMemo, useState } from 'react';

import { LiveChart } from '../../charts/LiveChart';
import { LabField } from '../../components/LabField';
import { ResetToApply } from '../../components/ResetToApply';
import { LabRunBar } from '../../controls/LabRunBar';
import { usePolled } from '../../controls/usePolled';
import { useLiveLab } from '../../controls/useLiveLab';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { compactNumber } from '../../../../../src/format/number';
import { gridworldLab } from '../../../../../src/labs/gridworld';
import { PictureTools } from '../../recording/PictureTools';
import { BackupPanel } from './BackupPanel';
import { GridPlot } from './GridPlot';
import { ALGOS, checkForm, checkGrid, cycleCell, previewFrame, isLearner, loadForm, PRESETS, presetForm, rlFormFromConfig, saveForm, type Algo, type FieldErrors, type RlForm } from './rlForm';
import { MEAN_OF, RlLive } from './rlLive';

const SPEEDS = [0, 100, 20, 5, 1];

function Field(p: { id: keyof RlForm; value: string; onChange: (v: string) => void; error: FieldErrors[keyof RlForm]; disabled: boolean; live?: boolean }) {
  const { t } = useI18n();
  return <LabField prefix="rl" className="rl-field" label={t(`rl.field.${p.id}` as StringKey) + (p.live ? ` ${t('rl.liveMark')}` : '')} {...p} />;
}

const numbersOf = (l: RlLive) => ({ ...l.numbers, picture: l.picture });

function Tile({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="rl-tile" data-testid={`rl-${id}`} data-value={value}>
      <span className="rl-tile-label">{label}</span>
      <span className="rl-tile-value">{value}</span>
    </div>
  );
}

export function GridworldPanel({ preset }: { preset: Record<string, unknown> | null }) {
  const { t } = useI18n();
  // a lesson's preset or an opened preset file (read once by the view), else the saved form
  const [form, setForm] = useState<RlForm>(() => (preset ? rlFormFromConfig(preset) : null) ?? loadForm());
  useEffect(() => saveForm(form), [form]);
  const checked = useMemo(() => checkForm(form), [form]);
  const [showQ, setShowQ] = useState(false);
  const [animate, setAnimate] = useState(true);
  const [selected, setSelected] = useState<number | null>(null);
  const { live, run } = useLiveLab(gridworldLab.id, () => new RlLive());
  const c = run.controller;
  const active = run.phase === 'running' || run.phase === 'paused' || run.phase === 'starting';
  const n = usePolled(live, (l) => l.version, numbersOf, 120);
  const learner = isLearner(form.algo);
  const patch = (p: Partial<RlForm>) => setForm((f) => ({ ...f, preset: 'custom', ...p }));
  /** γ, ε, α: sent to the going run at once when the value is good */
  const liveSet = (key: 'gamma' | 'epsilon' | 'alpha', v: string) => {
    patch({ [key]: v });
    const x = Number(v);
    const ok = v.trim() !== '' && (key === 'alpha' ? x > 0 && x <= 1 : x >= 0 && x <= 1);
    if (run.live && ok) c.update({ set: { [key]: x } });
  };
  const fmt = (v: number) => (Number.isFinite(v) ? compactNumber(v) : '—');
  const picture = n.picture;
  const preview = useMemo(() => {
    const g = checkGrid(form.grid, false);
    return g.error ? null : previewFrame(g.rows);
  }, [form.grid]);
  const stepWord = learner ? t('rl.tile.episode') : t('rl.tile.sweep');

  return (
    <div className="rl-body" data-testid="rl-view" data-run-id={run.runId ?? ''} data-phase={run.phase}>
      <aside className="rl-settings">
        <ResetToApply live={active} testId="rl-reset-to-apply" />
        <label className="rl-field">
          <span>{t('rl.preset')}</span>
          <select data-testid="rl-preset" value={form.preset} disabled={active} onChange={(e) => (e.target.value === 'custom' ? patch({}) : setForm(presetForm(e.target.value)))}>
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`rl.preset.${p}` as StringKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="rl-field">
          <span>{t('rl.field.grid')}</span>
          <textarea
            data-testid="rl-grid-text"
            className="rl-grid-text"
            spellCheck={false}
            translate="no"
            rows={Math.min(10, Math.max(3, form.grid.split('\n').length))}
            value={form.grid}
            disabled={active}
            aria-invalid={checked.errors.grid ? true : undefined}
            onChange={(e) => patch({ grid: e.target.value })}
          />
          {checked.errors.grid && (
            <span className="field-error" role="alert" data-testid="rl-grid-error">
              {t(checked.errors.grid.key, checked.errors.grid.vars)}
            </span>
          )}
          <span className="muted">{t('rl.grid.legend')}</span>
        </label>
        <label className="rl-field">
          <span>{t('rl.field.algo')}</span>
          <select data-testid="rl-algo" value={form.algo} disabled={active} onChange={(e) => patch({ algo: e.target.value as Algo })}>
            {ALGOS.map((a) => (
              <option key={a} value={a}>
                {t(`rl.algo.${a}` as StringKey)}
              </option>
            ))}
          </select>
        </label>
        <p className="muted">{t(`rl.about.${form.algo}` as StringKey)}</p>
        <Field id="gamma" value={form.gamma} onChange={(v) => liveSet('gamma', v)} error={checked.errors.gamma} disabled={false} live />
        <Field id="stepReward" value={form.stepReward} onChange={(v) => patch({ stepReward: v })} error={checked.errors.stepReward} disabled={active} />
        <Field id="slip" value={form.slip} onChange={(v) => patch({ slip: v })} error={checked.errors.slip} disabled={active} />
        {!learner && <Field id="tol" value={form.tol} onChange={(v) => patch({ tol: v })} error={checked.errors.tol} disabled={active} />}
        {learner && (
          <>
            <Field id="epsilon" value={form.epsilon} onChange={(v) => liveSet('epsilon', v)} error={checked.errors.epsilon} disabled={false} live />
            <Field id="alpha" value={form.alpha} onChange={(v) => liveSet('alpha', v)} error={checked.errors.alpha} disabled={false} live />
            <Field id="episodes" value={form.episodes} onChange={(v) => patch({ episodes: v })} error={checked.errors.episodes} disabled={active} />
            {form.algo === 'dyna-q' && <Field id="planning" value={form.planning} onChange={(v) => patch({ planning: v })} error={checked.errors.planning} disabled={active} />}
            {form.algo === 'sarsa-lambda' && <Field id="lambda" value={form.lambda} onChange={(v) => patch({ lambda: v })} error={checked.errors.lambda} disabled={active} />}
            <Field id="seed" value={form.seed} onChange={(v) => patch({ seed: v })} error={checked.errors.seed} disabled={active} />
          </>
        )}
      </aside>

      <section className="rl-stage">
        <LabRunBar prefix="rl" lab={gridworldLab.id} run={run} config={checked.config} speeds={SPEEDS} onLeave={() => setSelected(null)}>
          <label className="rl-toggle">
            <input type="checkbox" data-testid="rl-show-q" checked={showQ} onChange={(e) => setShowQ(e.target.checked)} /> {t('rl.showQ')}
          </label>
          {learner && (
            <label className="rl-toggle">
              <input type="checkbox" data-testid="rl-animate" checked={animate} onChange={(e) => setAnimate(e.target.checked)} /> {t('rl.animate')}
            </label>
          )}
        </LabRunBar>
        <PictureTools target='[data-testid="rl-grid"]' name="gridworld" prefix="rl" />
        <div className="rl-row">
          <div className="rl-grid-box">
            {picture ? (
              <div translate="no">
                <GridPlot frame={picture} showQ={showQ} selected={selected} onSelect={setSelected} label={t('rl.grid.label')} animate={animate} />
              </div>
            ) : preview ? (
              // before a run: the grid as typed; a click changes a cell (. → # → G → X → C → S → .)
              <div translate="no" data-testid="rl-grid-preview">
                <GridPlot frame={preview} showQ={false} selected={null} onSelect={(cell) => patch({ grid: cycleCell(form.grid, cell) })} label={t('rl.grid.editLabel')} animate={false} editing />
              </div>
            ) : (
              <p className="muted rl-waiting" data-testid="rl-waiting">{t('rl.waiting')}</p>
            )}
            {!picture && preview && <p className="muted">{t('rl.grid.editHelp')}</p>}
            <p className="muted">{t(showQ ? 'rl.legend.q' : 'rl.legend.v')}</p>
          </div>
          <div className="rl-side">
            <div className="rl-tiles">
              <Tile id="step" label={stepWord} value={String(n.step)} />
              {learner ? (
                <>
                  <Tile id="return" label={t('rl.tile.return')} value={fmt(n.lastReturn)} />
                  <Tile id="mean-return" label={t('rl.tile.meanReturn', { n: MEAN_OF })} value={fmt(n.meanReturn)} />
                  <Tile id="length" label={t('rl.tile.length')} value={fmt(n.length)} />
                </>
              ) : (
                <>
                  <Tile id="delta" label={t('rl.tile.delta')} value={fmt(n.delta)} />
                  <Tile id="changed" label={t('rl.tile.changed')} value={fmt(n.changed)} />
                </>
              )}
              <Tile id="v-start" label={t(learner ? 'rl.tile.qStart' : 'rl.tile.vStart')} value={fmt(n.vStart)} />
              {picture?.meta.phase && <Tile id="phase" label={t('rl.tile.phase')} value={t(`rl.phase.${picture.meta.phase}`)} />}
            </div>
            {picture && selected !== null ? (
              <BackupPanel frame={picture} cell={selected} stepReward={Number(form.stepReward)} slip={Number(form.slip)} learner={learner} />
            ) : (
              <p className="muted" data-testid="rl-backup-hint">{t('rl.backup.hint')}</p>
            )}
          </div>
        </div>
        <div className="rl-charts">
          {learner ? (
            <>
              <div className="rl-chart">
                <h3>{t('rl.chart.returns')}</h3>
                <LiveChart buffer={live.returns} labels={[t('rl.series.return'), t('rl.series.mean', { n: MEAN_OF })]} colors={['#9aa5b1', '#2f6fde']} xLabel={t('rl.axis.episode')} height={180} testId="rl-chart-returns" />
              </div>
              <div className="rl-chart">
                <h3>{t('rl.chart.lengths')}</h3>
                <LiveChart buffer={live.lengths} labels={[t('rl.series.length')]} colors={['#e07b00']} xLabel={t('rl.axis.episode')} height={180} testId="rl-chart-lengths" />
              </div>
            </>
          ) : (
            <>
              <div className="rl-chart">
                <h3>{t('rl.chart.delta')}</h3>
                <LiveChart buffer={live.delta} labels={[t('rl.series.delta')]} colors={['#c0392b']} xLabel={t('rl.axis.sweep')} logY height={180} testId="rl-chart-delta" />
              </div>
              <div className="rl-chart">
                <h3>{t('rl.chart.vStart')}</h3>
                <LiveChart buffer={live.vStart} labels={[t('rl.series.vStart')]} colors={['#1b8a4c']} xLabel={t('rl.axis.sweep')} height={180} testId="rl-chart-vstart" />
              </div>
            </>
          )}
        </div>
      </section>
    </div>
  );
}
