/**
 * Where the stepping is: forward or backward pass, "node k of n" in that pass, and for a network the
 * model, the row and its class (or target) with the loss once the forward pass has reached it. The
 * attributes (data-phase, data-step, data-total) are the end-to-end test's handle.
 */
import { useI18n } from '../../i18n/i18n';
import { compactNumber } from '../../../../../src/format/number';
import type { ComputationGraph } from './graphTypes';
import type { GraphStep } from './useGraphStepper';

export function StepStatus({ graph, step }: { graph: ComputationGraph; step: GraphStep }) {
  const { t } = useI18n();
  const phaseText =
    step.phase === 'idle' ? t('graph.phase.idle') : step.phase === 'done' ? t('graph.phase.done') : step.phase === 'forward' ? t('graph.phase.forward') : t('graph.phase.backward');
  const model = graph.kind === 'network' ? graph.model.replace(/linear/g, t('graph.linear')) : '';
  return (
    <div className="step-status" data-testid="graph-step" data-phase={step.phase} data-step={step.step} data-total={step.total}>
      <span className={`phase phase-${step.phase}`}>{phaseText}</span>
      {(step.phase === 'forward' || step.phase === 'backward') && <span className="progress">{t('graph.progress', { n: step.passIndex, total: step.passLength })}</span>}
      {graph.kind === 'network' && (
        <span className="network-info">
          {graph.label !== undefined
            ? t('graph.network.info', { model, example: graph.example, label: graph.label })
            : t('graph.network.info.target', { model, example: graph.example, target: compactNumber(graph.target ?? NaN) })}
        </span>
      )}
    </div>
  );
}
