/**
 * The search tree drawn top-down, one row per depth: each node with the move into it (its mover's
 * colour), its visits n, its mean value q for that mover and its UCB score u. The phase being shown
 * sets the numbers and marks: in selection, expansion and simulation the tree is as it was before this
 * iteration (the path's n and q one backup earlier, the new children appear at expansion); at backup the
 * path carries the outcome. Click a node to collapse it, or to open children the tree was not sent with.
 */
import type { MctsTree, MctsTreeNode } from '../../../../../src/native/mcts';

export type Phase = 'selection' | 'expansion' | 'simulation' | 'backup';

export interface ShownNode extends MctsTreeNode {
  /** n, q and u as the phase shows them */
  n: number;
  q: number | null;
  u: number | null;
}

/** The nodes as they stood in `phase`: before this iteration's backup, and without its new children before expansion. */
export function nodesInPhase(tree: MctsTree, phase: Phase, uct: number): ShownNode[] {
  const t = tree.trace;
  const path = new Set([...t.selected, t.simulated]);
  const fresh = new Set(t.new_children);
  const before = phase !== 'backup';
  const sign = (m: MctsTreeNode['mover']) => (m === 'x' ? 1 : m === 'o' ? -1 : 0);
  const byId = new Map<number, ShownNode>();
  for (const nd of tree.nodes) {
    if (before && phase === 'selection' && fresh.has(nd.id)) continue;
    const total = (nd.value ?? 0) * nd.visits;
    const back = before && path.has(nd.id);
    const n = back ? nd.visits - 1 : nd.visits;
    const tot = back ? total - t.outcome * sign(nd.mover) : total;
    byId.set(nd.id, { ...nd, n, q: n > 0 ? tot / n : null, u: null });
  }
  for (const nd of byId.values()) {
    const parent = byId.get(nd.parent);
    if (parent && nd.n > 0) nd.u = (nd.q! + 1) / 2 + uct * Math.sqrt(Math.log(Math.max(1, parent.n)) / nd.n);
  }
  return [...byId.values()];
}

const W = 62;
const H = 50;
const GAP_Y = 34;

export function SearchTree(p: {
  tree: MctsTree;
  phase: Phase;
  uct: number;
  collapsed: Set<number>;
  onNode: (node: ShownNode, hasShownChildren: boolean) => void;
  moveLabel: (move: number) => string;
  zoom: number;
  label: string;
}) {
  const nodes = nodesInPhase(p.tree, p.phase, p.uct);
  const kids = new Map<number, ShownNode[]>();
  for (const nd of nodes) if (nd.parent >= 0) kids.set(nd.parent, [...(kids.get(nd.parent) ?? []), nd]);
  for (const list of kids.values()) list.sort((a, b) => a.move - b.move);
  const t = p.tree.trace;
  const selected = new Set(t.selected);
  const onPath = p.phase === 'selection' ? selected : new Set([...t.selected, t.simulated]);
  const fresh = new Set(t.new_children);
  // tidy layout: leaves left to right, a parent over the middle of its children
  const pos = new Map<number, { x: number; y: number }>();
  let slot = 0;
  const place = (nd: ShownNode): number => {
    const ch = p.collapsed.has(nd.id) ? [] : (kids.get(nd.id) ?? []);
    const x = ch.length === 0 ? slot++ : ch.map(place).reduce((a, b) => a + b, 0) / ch.length;
    pos.set(nd.id, { x, y: nd.depth });
    return x;
  };
  const root = nodes.find((n) => n.parent < 0);
  if (root) place(root);
  const width = Math.max(1, slot) * (W + 10);
  const depth = Math.max(0, ...[...pos.values()].map((v) => v.y));
  const height = (depth + 1) * (H + GAP_Y);
  const cx = (id: number) => pos.get(id)!.x * (W + 10) + W / 2 + 5;
  const cy = (id: number) => pos.get(id)!.y * (H + GAP_Y) + 4;
  const f2 = (v: number | null) => (v === null ? '—' : (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(2));
  const shown = nodes.filter((n) => pos.has(n.id));
  return (
    <svg
      className="mcts-tree"
      viewBox={`0 0 ${width} ${height}`}
      width={width * p.zoom}
      height={height * p.zoom}
      role="img"
      aria-label={p.label}
      data-testid="mcts-tree"
      data-phase={p.phase}
      data-nodes={shown.length}
    >
      {shown.map((nd) =>
        nd.parent >= 0 && pos.has(nd.parent) ? (
          <line key={`e${nd.id}`} x1={cx(nd.parent)} y1={cy(nd.parent) + H} x2={cx(nd.id)} y2={cy(nd.id)} className={onPath.has(nd.id) ? 'mcts-edge on-path' : 'mcts-edge'} />
        ) : null,
      )}
      {shown.map((nd) => {
        const classes = ['mcts-node', nd.mover ?? 'root'];
        if (onPath.has(nd.id)) classes.push('on-path');
        if (p.phase !== 'selection' && fresh.has(nd.id)) classes.push('fresh');
        if (p.phase === 'simulation' && nd.id === t.simulated) classes.push('simulated');
        const hidden = nd.children > 0 && !(kids.get(nd.id)?.length) ;
        const shownChildren = (kids.get(nd.id)?.length ?? 0) > 0 && !p.collapsed.has(nd.id);
        return (
          <g
            key={nd.id}
            className={classes.join(' ')}
            transform={`translate(${cx(nd.id) - W / 2}, ${cy(nd.id)})`}
            onClick={() => p.onNode(nd, shownChildren)}
            data-node={nd.id}
            data-visits={nd.n}
            data-on-path={onPath.has(nd.id) ? 'true' : undefined}
          >
            <title>{`${nd.parent < 0 ? 'root' : p.moveLabel(nd.move)} n=${nd.n} q=${f2(nd.q)} u=${nd.u === null ? '∞' : nd.u.toFixed(3)}`}</title>
            <rect width={W} height={H} rx={6} />
            <text x={W / 2} y={13} textAnchor="middle" className="mcts-node-move">
              {nd.parent < 0 ? '●' : p.moveLabel(nd.move)}
            </text>
            <text x={W / 2} y={26} textAnchor="middle">
              n {nd.n}
            </text>
            <text x={W / 2} y={37} textAnchor="middle">
              q {f2(nd.q)}
            </text>
            <text x={W / 2} y={47} textAnchor="middle" className="mcts-node-ucb">
              u {nd.parent < 0 ? '' : nd.u === null ? '∞' : nd.u.toFixed(2)}
            </text>
            {(hidden || p.collapsed.has(nd.id)) && (
              <text x={W / 2} y={H + 12} textAnchor="middle" className="mcts-more">
                +{nd.children}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
