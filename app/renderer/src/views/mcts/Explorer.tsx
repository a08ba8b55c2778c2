/**
 * Stepping through the search from one position: iteration by iteration (the same seed, so iteration k
 * is the k-th of one search), each shown in its four phases — selection down the tree by UCB, expansion
 * of the leaf, the simulation's random moves to the end, and the backup of its outcome along the path.
 * The engine runs the search (`mcts/search` with a trace); the tree is drawn by SearchTree.
 */
import { useEffect, useMemo, useState } from 'react';

import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';
import type { MctsResult } from '../../../../../src/native/mcts';
import { SavePicture } from '../../recording/SavePicture';
import { Board } from './Board';
import { cellOf, play, toMove, type Game } from './mctsGames';
import { SearchTree, type Phase, type ShownNode } from './SearchTree';

const PHASES: Phase[] = ['selection', 'expansion', 'simulation', 'backup'];

export function Explorer(p: { game: Game; board: string; uct: number; rollout: 'random' | 'heuristic'; seed: number }) {
  const { t } = useI18n();
  const client = useClient();
  const [k, setK] = useState(1);
  const [phase, setPhase] = useState(0);
  const [depth, setDepth] = useState(1);
  const [expand, setExpand] = useState<number[]>([]);
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const [zoom, setZoom] = useState(1);
  const [result, setResult] = useState<MctsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [jump, setJump] = useState('100');
  // a new position or new settings start over at iteration 1
  useEffect(() => {
    setK(1);
    setPhase(0);
    setExpand([]);
    setCollapsed(new Set());
  }, [p.game, p.board, p.uct, p.rollout, p.seed]);
  const key = JSON.stringify({ game: p.game, board: p.board, iterations: k, seed: p.seed, uct: p.uct, rollout: p.rollout, trace: { depth, expand } });
  useEffect(() => {
    let live = true;
    client.request('mcts/search', JSON.parse(key) as Record<string, unknown>).then(
      (r) => live && (setResult(r as MctsResult), setError(null)),
      (e: unknown) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [key, client]);
  const tree = result?.tree ?? null;
  const ph = PHASES[phase]!;
  const moveLabel = (m: number) => (p.game === 'tictactoe' ? t('mcts.cellShort', { n: m }) : t('mcts.colShort', { n: m }));
  const next = () => {
    if (phase < 3) setPhase(phase + 1);
    else {
      setK(k + 1);
      setPhase(0);
    }
  };
  const onNode = (nd: ShownNode, hasShownChildren: boolean) => {
    if (hasShownChildren) {
      const c = new Set(collapsed);
      c.add(nd.id);
      setCollapsed(c);
    } else if (collapsed.has(nd.id)) {
      const c = new Set(collapsed);
      c.delete(nd.id);
      setCollapsed(c);
    } else if (nd.children > 0) setExpand([...expand, nd.id]);
  };
  const sim = useMemo(() => {
    if (!tree) return null;
    const node = tree.nodes.find((n) => n.id === tree.trace.simulated);
    if (!node) return null;
    let b = node.board;
    const marks: { cell: number; label: string; side: 'x' | 'o' }[] = [];
    tree.trace.rollout.forEach((m, i) => {
      const cell = cellOf(p.game, b, m);
      const side = toMove(b);
      marks.push({ cell, label: String(i + 1), side });
      b = play(p.game, b, m);
    });
    return { board: node.board, marks };
  }, [tree, p.game]);
  const outcomeWord = tree ? t(tree.trace.outcome > 0 ? 'mcts.outcome.x' : tree.trace.outcome < 0 ? 'mcts.outcome.o' : 'mcts.outcome.draw') : '';
  return (
    <section className="mcts-explorer" data-testid="mcts-explorer" data-iteration={k} data-phase={ph}>
      <h3>{t('mcts.explorer.title')}</h3>
      <div className="mcts-explorer-bar">
        <button type="button" data-testid="mcts-next-phase" onClick={next}>
          {t('mcts.explorer.nextPhase')}
        </button>
        <button type="button" data-testid="mcts-next-iteration" onClick={() => (setK(k + 1), setPhase(0))}>
          {t('mcts.explorer.nextIteration')}
        </button>
        <button type="button" onClick={() => (setK(k + 10), setPhase(3))}>
          +10
        </button>
        <label>
          {t('mcts.explorer.jump')}{' '}
          <input data-testid="mcts-jump" value={jump} inputMode="numeric" onChange={(e) => setJump(e.target.value)} size={6} />
        </label>
        <button
          type="button"
          data-testid="mcts-jump-go"
          disabled={!(Number.isInteger(Number(jump)) && Number(jump) >= 1 && Number(jump) <= 100_000)}
          onClick={() => (setK(Number(jump)), setPhase(3))}
        >
          {t('mcts.explorer.go')}
        </button>
        <button type="button" onClick={() => (setK(1), setPhase(0), setExpand([]), setCollapsed(new Set()))}>
          {t('mcts.explorer.restart')}
        </button>
      </div>
      {!(Number.isInteger(Number(jump)) && Number(jump) >= 1 && Number(jump) <= 100_000) && (
        <p className="field-error" role="alert">
          {t('mcts.err.int', { min: 1, max: 100000 })}
        </p>
      )}
      <ol className="mcts-phases">
        {PHASES.map((name, i) => (
          <li key={name} className={i === phase ? 'current' : ''} data-testid={`mcts-phase-${name}`}>
            <button type="button" onClick={() => setPhase(i)}>
              {t(`mcts.phase.${name}`)}
            </button>
          </li>
        ))}
      </ol>
      <p className="mcts-phase-about" data-testid="mcts-phase-about">
        {t('mcts.explorer.iteration', { k })} {ph === 'expansion' && tree && tree.trace.expanded === null ? t('mcts.about.noExpansion') : t(`mcts.about.${ph}`, { c: p.uct.toFixed(2), outcome: outcomeWord })}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="mcts-explorer-row">
        <div className="mcts-tree-box">
          {tree && <SearchTree tree={tree} phase={ph} uct={p.uct} collapsed={collapsed} onNode={onNode} moveLabel={moveLabel} zoom={zoom} label={t('mcts.tree.label')} />}
        </div>
        {ph === 'simulation' && sim && (
          <div className="mcts-sim" data-testid="mcts-simulation" data-moves={tree?.trace.rollout.length ?? 0}>
            <Board game={p.game} board={sim.board} marks={sim.marks} label={t('mcts.sim.label')} testId="mcts-sim-board" size={p.game === 'tictactoe' ? 44 : 28} />
            <p className="muted">{t('mcts.sim.note', { n: tree?.trace.rollout.length ?? 0, outcome: outcomeWord })}</p>
          </div>
        )}
      </div>
      <div className="mcts-tree-tools">
        <label>
          {t('mcts.tree.depth')}{' '}
          <select data-testid="mcts-depth" value={depth} onChange={(e) => setDepth(Number(e.target.value))}>
            {[0, 1, 2, 3].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('mcts.tree.zoom')}{' '}
          <input type="range" min={0.4} max={1.6} step={0.1} value={zoom} onChange={(e) => setZoom(Number(e.target.value))} />
        </label>
        <span className="muted">{tree ? t('mcts.tree.count', { shown: tree.nodes.length, total: tree.total }) : ''}</span>
        <span className="muted">{t('mcts.tree.help')}</span>
        <SavePicture target='[data-testid="mcts-tree"]' name="mcts-tree" testId="mcts-tree-picture" svg />
      </div>
    </section>
  );
}
