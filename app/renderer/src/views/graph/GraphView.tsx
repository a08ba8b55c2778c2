/**
 * The computation-graph lab (backpropagation lesson): the graph of an expression (default: the lesson
 * L = (w·x + b − y)²) or of a small network on one row of a 2-D data set, as the host computes it
 * (`graph/compute`), stepped one node at a time — forward values, then backward gradients with the
 * chain rule's numbers in the panel below. Play / step / reset and Space / → / R via RunControls.
 */
import { useMemo, useState } from 'react';

import { RunControls } from '../../controls/RunControls';
import { useI18n } from '../../i18n/i18n';
import { ChainRulePanel } from './ChainRulePanel';
import { ExpressionForm } from './ExpressionForm';
import { expressionVariables, parseValue } from './expressionVariables';
import { SavePicture } from '../../recording/SavePicture';
import { GraphCanvas } from './GraphCanvas';
import type { GraphRequest } from './graphTypes';
import { NetworkForm, parseCount, parseHidden, type NetworkFields } from './NetworkForm';
import { displayNodes } from './nodeModel';
import { StepStatus } from './StepStatus';
import { useGraphCompute } from './useGraphCompute';
import { useGraphStepper } from './useGraphStepper';
import './graph.css';

type Mode = 'expression' | 'network';

const LESSON = { expression: '(w*x + b - y)^2', values: { w: '0.5', x: '2', b: '0.1', y: '3' } };
const NETWORK: NetworkFields = { dataset: 'xor', hidden: '3', activation: 'tanh', seed: '1', example: '0' };

function expressionRequest(expression: string, values: Record<string, string>): GraphRequest | null {
  const vars = expressionVariables(expression);
  const parsed: Record<string, number> = {};
  for (const v of vars) {
    const n = parseValue(values[v] ?? '');
    if (n === null) return null;
    parsed[v] = n;
  }
  return { kind: 'expression', expression, values: parsed };
}

function networkRequest(f: NetworkFields): GraphRequest | null {
  const hidden = parseHidden(f.hidden);
  const seed = parseCount(f.seed);
  const example = parseCount(f.example);
  if (!hidden || seed === null || example === null) return null;
  return { kind: 'network', dataset: f.dataset, model: { hidden, activation: f.activation }, seed, example };
}

export default function GraphView() {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>('expression');
  const [expression, setExpression] = useState(LESSON.expression);
  const [values, setValues] = useState<Record<string, string>>(LESSON.values);
  const [network, setNetwork] = useState<NetworkFields>(NETWORK);
  const variables = useMemo(() => expressionVariables(expression), [expression]);
  const request = useMemo(() => (mode === 'expression' ? expressionRequest(expression, values) : networkRequest(network)), [mode, expression, values, network]);
  const { graph: latest, error, pending } = useGraphCompute(request);
  const graph = latest && latest.kind === mode ? latest : null;
  const nodes = useMemo(() => (graph ? displayNodes(graph, t) : []), [graph, t]);
  const stepper = useGraphStepper(graph);

  const onValue = (name: string, text: string) => setValues((v) => ({ ...v, [name]: text }));
  const onExpression = (text: string) => {
    setExpression(text);
    // a new variable starts at 1 so the graph can be computed at once
    setValues((v) => Object.fromEntries(expressionVariables(text).map((name) => [name, v[name] ?? '1'])));
  };

  return (
    <div className="graph-view" data-testid="graph-view" data-pending={pending ? 'true' : 'false'} data-kind={graph?.kind ?? 'none'}>
      <div className="graph-toolbar">
        <div className="mode-switch" role="group" aria-label={t('graph.mode')}>
          {(['expression', 'network'] as const).map((m) => (
            <button key={m} type="button" className={m === mode ? 'active' : ''} aria-pressed={m === mode} onClick={() => setMode(m)} data-testid={`graph-mode-${m}`}>
              {t(m === 'expression' ? 'graph.mode.expression' : 'graph.mode.network')}
            </button>
          ))}
        </div>
        {mode === 'expression' ? (
          <ExpressionForm expression={expression} onExpression={onExpression} variables={variables} values={values} onValue={onValue} error={error} />
        ) : (
          <NetworkForm fields={network} onChange={setNetwork} error={error} />
        )}
      </div>
      <div className="graph-controls">
        <RunControls running={stepper.playing} onPlay={stepper.play} onPause={stepper.pause} onStep={stepper.step} onReset={stepper.reset} disabled={!graph} />
        {graph && <StepStatus graph={graph} step={stepper.state} />}
        {pending && !graph && <span className="status">{t('graph.computing')}</span>}
        {graph && <SavePicture target=".graph-view svg.graph-svg" name="computation-graph" testId="graph-picture" svg />}
      </div>
      <div className={error ? 'graph-stage stale' : 'graph-stage'}>
        {graph && <GraphCanvas graph={graph} nodes={nodes} step={stepper.state} ariaLabel={t('graph.title')} />}
        {graph && (
          <div className="graph-legend">
            <span className="legend-value">{t('graph.legend.value')}</span>
            <span className="legend-grad">{t('graph.legend.grad')}</span>
          </div>
        )}
      </div>
      {graph && <ChainRulePanel graph={graph} nodes={nodes} step={stepper.state} />}
    </div>
  );
}
