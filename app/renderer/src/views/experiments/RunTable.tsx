/**
 * The run table: one row per run — id, name, lab, status, created, duration, steps, ms per step, the
 * final or best metrics, every hyper-parameter of the shown runs as a column (tableColumns.ts), tags.
 * Click a column header to sort by it (the store sorts: runs/list); click again to reverse. Click a row
 * to open it in the editor; tick rows to overlay them. Cells carry data-col and data-value (the exact
 * number) for tests; the title of a number cell is its full value.
 */
import { useMemo, useState } from 'react';

import type { Run } from '../../../../../src/experiments/run-types';
import { formatBytes, tableNumber } from '../../../../../src/format/number';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { fmtDate, fmtDuration, fmtFullDate, fmtMsPerStep, fmtValue } from './format';
import { labLabel, labStatusLabel, statusLabel } from './labels';
import { titleOver } from './seriesTitles';
import { configCells, configColumns, keyConfigColumns, metricColumns, type FlatValue } from './tableColumns';
import type { RunQuery } from './useRuns';
import { runPageHash } from './RunPage';

export type MetricMode = 'final' | 'best';

export interface RunTableProps {
  runs: Run[];
  sort: RunQuery['sort'];
  onSort: (sort: RunQuery['sort']) => void;
  metricMode: MetricMode;
  selectedId: number | null;
  onSelect: (id: number) => void;
  checked: Set<number>;
  onCheck: (ids: number[], on: boolean) => void;
  /** each run's bytes on disk (store/usage), null while unknown */
  sizes?: Record<number, number> | null;
}

interface Fixed {
  key: string;
  sort: string | null;
  label: StringKey | '#';
  cls?: string;
}

const FIXED: Fixed[] = [
  { key: 'id', sort: 'id', label: '#', cls: 'num id' },
  { key: 'name', sort: 'name', label: 'experiments.col.name', cls: 'name' },
  { key: 'lab', sort: 'lab', label: 'experiments.col.lab' },
  { key: 'status', sort: 'status', label: 'experiments.col.status' },
  { key: 'created', sort: 'created_at', label: 'experiments.col.created' },
  { key: 'duration', sort: 'duration_ms', label: 'experiments.col.duration', cls: 'num' },
  { key: 'steps', sort: 'steps', label: 'experiments.col.steps', cls: 'num' },
  { key: 'ms_per_step', sort: 'ms_per_step', label: 'experiments.col.ms_per_step', cls: 'num' },
];

function SortHeader({ label, sortKey, sort, onSort, cls, mono }: { label: string; sortKey: string | null; sort: RunQuery['sort']; onSort: RunTableProps['onSort']; cls?: string; mono?: boolean }) {
  const { t } = useI18n();
  const active = sortKey !== null && sort.by === sortKey;
  return (
    <th className={cls} data-col={sortKey ?? undefined} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : undefined} scope="col">
      {sortKey === null ? (
        label
      ) : (
        <button
          type="button"
          className={`sort${active ? ' active' : ''}${mono ? ' mono' : ''}`}
          title={t('experiments.sort_by', { column: label })}
          onClick={() => onSort({ by: sortKey, desc: active ? !sort.desc : sortKey === 'id' || sortKey === 'created_at' })}
        >
          {label}
          <span className="sort-mark" aria-hidden="true">
            {active ? (sort.desc ? '▼' : '▲') : ''}
          </span>
        </button>
      )}
    </th>
  );
}

export function RunTable({ runs, sort, onSort, metricMode, selectedId, onSelect, checked, onCheck, sizes }: RunTableProps) {
  const { t, lang } = useI18n();
  const flats = useMemo(() => new Map<number, Record<string, FlatValue>>(runs.map((r) => [r.id, configCells(r.config)])), [runs]);
  const allCfgCols = useMemo(() => configColumns([...flats.values()]), [flats]);
  const keyCols = useMemo(() => keyConfigColumns(allCfgCols, [...flats.values()]), [allCfgCols, flats]);
  const [allColumns, setAllColumns] = useState(false);
  const cfgCols = allColumns ? allCfgCols : keyCols;
  const hidden = allCfgCols.length - keyCols.length;
  const metCols = useMemo(() => metricColumns(runs.map((r) => ({ ...r.final, ...r.best }))), [runs]);
  const allChecked = runs.length > 0 && runs.every((r) => checked.has(r.id));
  const now = Date.now();

  return (
    <table className="run-table" data-testid="run-table" aria-label={t('experiments.table.label')}>
      <thead>
        <tr className="groups">
          <th colSpan={FIXED.length + 2}>{t('experiments.group.run')}</th>
          {metCols.length > 0 && (
            <th colSpan={metCols.length} className="group-metrics">
              {t(metricMode === 'final' ? 'experiments.group.metrics_final' : 'experiments.group.metrics_best')}
            </th>
          )}
          {cfgCols.length > 0 && (
            <th colSpan={cfgCols.length} className="group-config">
              {t('experiments.group.config')}
              {hidden > 0 && (
                <button type="button" className="ghost small more-columns" data-testid="more-columns" onClick={() => setAllColumns((v) => !v)}>
                  {allColumns ? t('experiments.columns.fewer') : t('experiments.columns.more', { n: hidden })}
                </button>
              )}
            </th>
          )}
          <th />
        </tr>
        <tr>
          <th className="check">
            <input type="checkbox" aria-label={t('experiments.col.select_all')} checked={allChecked} onChange={(e) => onCheck(runs.map((r) => r.id), e.target.checked)} />
          </th>
          {FIXED.map((c) => (
            <SortHeader key={c.key} label={c.label === '#' ? '#' : t(c.label)} sortKey={c.sort} sort={sort} onSort={onSort} cls={c.cls} />
          ))}
          <SortHeader label={t('experiments.col.size')} sortKey={null} sort={sort} onSort={onSort} cls="num" />
          {metCols.map((m, i) => (
            <SortHeader key={m} label={titleOver(m, runs.filter((r) => m in r.final || m in r.best), lang)} sortKey={`${metricMode}.${m}`} sort={sort} onSort={onSort} cls={`num metric${i === 0 ? ' group-start' : ''}`} mono />
          ))}
          {cfgCols.map((p, i) => (
            <SortHeader key={p} label={p} sortKey={`config.${p}`} sort={sort} onSort={onSort} cls={`cfg${i === 0 ? ' group-start' : ''}`} mono />
          ))}
          <th scope="col">{t('experiments.col.tags')}</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => {
          const flat = flats.get(r.id)!;
          const metrics = metricMode === 'final' ? r.final : r.best;
          const extra = labStatusLabel(t, r.labStatus);
          const duration = r.durationMs ?? (r.startedAt !== null && r.endedAt === null ? now - r.startedAt : null);
          return (
            <tr
              key={r.id}
              data-testid={`run-row-${r.id}`}
              className={`${r.id === selectedId ? 'selected' : ''}${r.archived ? ' archived' : ''}`}
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('input')) return;
                onSelect(r.id);
              }}
            >
              <td className="check">
                <input type="checkbox" data-testid={`run-check-${r.id}`} aria-label={t('experiments.col.select')} checked={checked.has(r.id)} onChange={(e) => onCheck([r.id], e.target.checked)} />
              </td>
              <td className="num id">
                <a href={runPageHash(r.id)} title={t('experiments.page.link')} data-testid={`run-link-${r.id}`} onClick={(e) => e.stopPropagation()}>
                  {r.id}
                </a>
              </td>
              <td className="name" data-col="name" title={r.name}>
                <button type="button" className="link" onClick={() => onSelect(r.id)}>
                  {r.name}
                </button>
                {r.archived && <span className="badge muted">{t('experiments.archived_badge')}</span>}
              </td>
              <td>{labLabel(lang, r.lab)}</td>
              <td data-col="status" data-value={r.status}>
                <span className={`status-badge st-${r.status}`}>{statusLabel(t, r.status)}</span>
                {extra && <span className="lab-status">{extra}</span>}
              </td>
              <td className="date" title={fmtFullDate(r.createdAt, lang)}>
                {fmtDate(r.createdAt, lang, now)}
              </td>
              <td className="num">{fmtDuration(duration)}</td>
              <td className="num">{r.steps}</td>
              <td className="num">{fmtMsPerStep(r.msPerStep)}</td>
              <td className="num" data-col="size" data-value={sizes?.[r.id] ?? ''}>
                {sizes ? formatBytes(sizes[r.id] ?? 0) : ''}
              </td>
              {metCols.map((m, i) => {
                const v = metrics[m];
                return (
                  <td key={m} className={`num metric${i === 0 ? ' group-start' : ''}`} data-col={`${metricMode}.${m}`} data-value={v === undefined ? '' : String(v)} title={v === undefined ? undefined : String(v)}>
                    {tableNumber(v)}
                  </td>
                );
              })}
              {cfgCols.map((p, i) => {
                const v = flat[p];
                return (
                  <td key={p} className={`${typeof v === 'number' ? 'num cfg' : 'cfg'}${i === 0 ? ' group-start' : ''}`} data-col={`config.${p}`} data-value={v === undefined ? '' : String(v)} title={v === undefined ? undefined : String(v)}>
                    {fmtValue(v)}
                  </td>
                );
              })}
              <td className="tags" data-col="tags" data-value={r.tags.join(',')}>
                {r.tags.map((tag) => (
                  <span key={tag} className="tag">
                    {tag}
                  </span>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
