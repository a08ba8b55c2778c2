/**
 * The panel under the graph: what the current step computed, with its numbers. Forward: the node's
 * value from its inputs' values. Backward: the chain rule, ∂L/∂node = Σ ∂L/∂consumer · ∂consumer/∂node,
 * first in symbols, then with the numbers, then each local derivative (chainRule.ts builds the lines).
 */
import { useI18n } from '../../i18n/i18n';
import { expressionBackward, expressionForward, networkBackward, networkForward, prettyExpr, type MathLine } from './chainRule';
import type { ComputationGraph } from './graphTypes';
import type { DisplayNode } from './nodeModel';
import type { GraphStep } from './useGraphStepper';

interface Props {
  graph: ComputationGraph;
  nodes: DisplayNode[];
  step: GraphStep;
}

function linesFor(graph: ComputationGraph, id: number, pass: 'forward' | 'backward'): MathLine[] {
  if (graph.kind === 'expression') return pass === 'forward' ? expressionForward(graph, id) : expressionBackward(graph, id);
  return pass === 'forward' ? networkForward(graph, id) : networkBackward(graph, id);
}

export function ChainRulePanel({ graph, nodes, step }: Props) {
  const { t } = useI18n();
  if (step.current === null || step.currentPass === null) {
    return (
      <section className="chain-panel idle" data-testid="chain-panel" aria-live="polite">
        <p className="chain-idle">{t('graph.panel.idle')}</p>
      </section>
    );
  }
  const pass = step.currentPass;
  const node = nodes[step.current]!;
  const lines = linesFor(graph, step.current, pass);
  const note = (l: MathLine) => {
    switch (l.note) {
      case 'seed': return t('graph.panel.seed');
      case 'leaf': return t('graph.panel.leaf');
      case 'constant': return t('graph.panel.constant');
      case 'sum': return t('graph.panel.sum', { n: l.count ?? 2 });
      case 'element': return t('graph.panel.element');
      default: return null;
    }
  };
  return (
    <section className={`chain-panel ${pass}`} data-testid="chain-panel" aria-live="polite">
      <h2 className="chain-heading">
        <span className={`pass-badge ${pass}`}>{pass === 'forward' ? t('graph.panel.forward') : t('graph.panel.backward')}</span>
        {graph.kind === 'expression' ? (
          <span className="chain-node" translate="no">
            {prettyExpr(node.symbol)}
          </span>
        ) : (
          <>
            <span className="chain-node-title" translate={node.titleIsName ? 'no' : undefined}>
              {node.title}
            </span>
            <span className="chain-node" translate="no">
              {node.caption}
            </span>
          </>
        )}
      </h2>
      <div className="chain-lines">
        {lines.map((l, i) => (
          <div key={i} className="chain-line" data-testid="chain-line">
            {l.note && l.note !== 'element' && !l.math && <span className="chain-note">{note(l)}</span>}
            {l.note === 'element' && <span className="chain-note">{note(l)}</span>}
            {l.math && (
              <span className="chain-math" translate="no">
                {l.math}
              </span>
            )}
            {l.note && l.note !== 'element' && l.math && <span className="chain-note">{note(l)}</span>}
          </div>
        ))}
      </div>
    </section>
  );
}
