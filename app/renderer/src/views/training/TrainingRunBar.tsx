/**
 * The bar above a training run (the training and CNN views): play / pause / step / reset and the speed,
 * wired to useTrainingRun the same way in both — a paused run resumes or steps with its own config,
 * anything else starts a new run through `begin` — and the run's status beside them.
 */
import { useState } from 'react';

import { RunControls } from '../../controls/RunControls';
import { ContinueEpochs } from './ContinueEpochs';
import { RunStatus } from './RunStatus';
import { DEFAULT_SPEED, type TrainingRun } from './useTrainingRun';

export interface TrainingRunBarProps {
  run: TrainingRun;
  /** the config and data key of a new run (read only when one starts) */
  config: () => Parameters<TrainingRun['play']>[0];
  dataKey: string;
  /** starts a new run with play or step (the view checks its form first) */
  begin: (fn: TrainingRun['play']) => void;
  /** whether a new run may start */
  canStart: boolean;
  speeds: number[];
}

export function TrainingRunBar({ run, config, dataKey, begin, canStart, speeds }: TrainingRunBarProps) {
  const [speed, setSpeed] = useState(DEFAULT_SPEED);
  const live = run.phase === 'running' || run.phase === 'paused' || run.phase === 'starting';
  return (
    <div className="stage-bar">
      <RunControls
        running={run.phase === 'running' || run.phase === 'starting'}
        onPlay={() => (run.phase === 'paused' ? run.play(config(), dataKey, '') : begin(run.play))}
        onPause={run.pause}
        onStep={() => (run.phase === 'paused' ? run.step(config(), dataKey, '') : begin(run.step))}
        onReset={run.reset}
        speed={speed}
        speeds={speeds}
        onSpeed={(s) => {
          setSpeed(s);
          run.setSpeed(s);
        }}
        disabled={!live && !canStart && run.phase !== 'ended'}
      />
      <RunStatus phase={run.phase} outcome={run.outcome} />
      {run.canContinue && <ContinueEpochs onContinue={run.continueEpochs} ended={run.phase === 'ended'} />}
    </div>
  );
}
