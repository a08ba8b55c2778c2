/**
 * The graph in SVG: boxes placed by layout.ts (left to right), edges as curves with arrowheads. The step
 * decides what shows: values of the nodes the forward pass has reached, gradients of those the backward
 * pass has reached; the current node and its neighbours in this pass (its inputs going forward, its
 * consumers going back) are highlighted with the edges between them, which in an expression graph carry
 * their local derivative ∂(consumer)/∂(input) during the backward pass.
 */
import { useMemo } from 'react';

import { compactNumber } from '../../../../../src/format/number';
import type { ComputationGraph } from './graphTypes';
import { layoutGraph, type PlacedEdge } from './layout';
import { NodeBox, type NodeRole } from './NodeBox';
import type { DisplayNode } from './nodeModel';
import type { GraphStep } from './useGraphStepper';

interface Props {
  graph: ComputationGraph;
  nodes: DisplayNode[];
  step: GraphStep;
  ariaLabel: string;
}

function edgePath(e: PlacedEdge): string {
  const dx = Math.max(28, (e.x2 - e.x1) * 0.5);
  return `M ${e.x1} ${e.y1} C ${e.x1 + dx} ${e.y1}, ${e.x2 - dx} ${e.y2}, ${e.x2 - 2} ${e.y2}`;
}

export function GraphCanvas({ graph, nodes, step, ariaLabel }: Props) {
  const layout = useMemo(() => layoutGraph(nodes.map((n) => ({ id: n.id, inputs: n.inputs, width: n.width, height: n.height })), { columnGap: 54, rowGap: 24, padding: 12 }), [nodes]);
  const current = step.current;
  const pass = step.currentPass;
  const isActive = (e: PlacedEdge) => current !== null && (pass === 'forward' ? e.to === current : e.from === current);
  const roleOf = (id: number): NodeRole => {
    if (current === null) return 'none';
    if (id === current) return 'current';
    const related = pass === 'forward' ? layout.edges.some((e) => e.to === current && e.from === id) : layout.edges.some((e) => e.from === current && e.to === id);
    return related ? 'related' : 'none';
  };
  const localOf = (e: PlacedEdge): number | null => (graph.kind === 'expression' ? (graph.edges.find((g) => g.from === e.from && g.to === e.to && g.slot === e.slot)?.local ?? null) : null);
  const active = layout.edges.filter(isActive);
  return (
    <svg className="graph-svg" viewBox={`0 0 ${layout.width} ${layout.height}`} preserveAspectRatio="xMidYMid meet" role="img" aria-label={ariaLabel} data-testid="graph-canvas">
      <defs>
        <marker id="graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="arrow" />
        </marker>
        <marker id="graph-arrow-active" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="15" markerHeight="15" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className={`arrow active ${pass ?? ''}`} />
        </marker>
      </defs>
      <g className="edges">
        {layout.edges.map((e) => (
          <path key={`${e.from}-${e.to}-${e.slot}`} d={edgePath(e)} className={isActive(e) ? `edge active ${pass ?? ''}` : 'edge'} markerEnd={isActive(e) ? 'url(#graph-arrow-active)' : 'url(#graph-arrow)'} />
        ))}
      </g>
      <g className="nodes">
        {nodes.map((n) => (
          <NodeBox key={n.id} node={n} at={layout.nodes.get(n.id)!} showValue={step.hasValue(n.id)} showGrad={step.hasGrad(n.id)} role={roleOf(n.id)} pass={pass} />
        ))}
      </g>
      {pass === 'backward' && (
        <g className="edge-labels">
          {active.map((e) => {
            const local = localOf(e);
            if (local === null) return null;
            const x = (e.x1 + e.x2) / 2;
            const y = (e.y1 + e.y2) / 2;
            const text = compactNumber(local);
            const w = 18 + text.length * 9.5;
            return (
              <g key={`${e.from}-${e.to}-${e.slot}`} transform={`translate(${x} ${y})`} className="edge-label">
                <rect x={-w / 2} y={-13} width={w} height={26} rx={13} />
                <text textAnchor="middle" y={6}>
                  {text}
                </text>
              </g>
            );
          })}
        </g>
      )}
    </svg>
  );
}
