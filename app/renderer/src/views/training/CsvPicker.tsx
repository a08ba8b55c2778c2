/**
 * The training view's "your CSV file" data: a button that opens a file, what was read (rows, columns,
 * separator, decimal commas), the first rows as a table, a select each for x, y and the label (or none:
 * a regression), the class names, and any problem with its line — before anything is trained.
 */
import { useState } from 'react';

import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { CSV_MAX_BYTES, initialChoice, type CsvChoice, type CsvRead } from './csvFile';

const PREVIEW_ROWS = 5;
const SEPARATOR_NAMES: Record<string, StringKey> = {
  ',': 'training.csv.sep.comma',
  ';': 'training.csv.sep.semicolon',
  '\t': 'training.csv.sep.tab',
  '|': 'training.csv.sep.bar',
};

export function CsvPicker({ choice, read, onChange, disabled }: { choice: CsvChoice | null; read: CsvRead; onChange: (c: CsvChoice) => void; disabled: boolean }) {
  const { t } = useI18n();
  const [tooBig, setTooBig] = useState<string | null>(null);
  const open = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > CSV_MAX_BYTES) {
      setTooBig(t('training.csv.too_big', { name: file.name, mb: (file.size / 2 ** 20).toFixed(0), max: CSV_MAX_BYTES / 2 ** 20 }));
      return;
    }
    setTooBig(null);
    onChange(initialChoice(file.name, await file.text()));
  };
  const table = read.table;
  const column = (key: 'x' | 'y' | 'label', label: StringKey) =>
    table && choice && (
      <label className="field inline">
        <span className="field-label">{t(label)}</span>
        <select
          data-testid={`training-csv-${key}`}
          value={choice[key] === null ? '' : String(choice[key])}
          disabled={disabled}
          onChange={(e) => onChange({ ...choice, [key]: e.target.value === '' ? null : Number(e.target.value) })}
        >
          {key === 'label' && <option value="">{t('training.csv.no_label')}</option>}
          {table.columns.map((name, i) => (
            <option key={i} value={i}>
              {i}: {name}
            </option>
          ))}
        </select>
      </label>
    );
  return (
    <fieldset className="csv-tools" disabled={disabled}>
      <label className={`csv-open${disabled ? ' disabled' : ''}`}>
        {t('training.csv.open')}
        <input type="file" hidden accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" data-testid="training-csv-file" disabled={disabled} onChange={(e) => void open(e.target.files?.[0])} />
      </label>
      <p className="note">{choice ? <span translate="no">{choice.name}</span> : t('training.csv.none_open')}</p>
      <p className="note">{t('training.csv.hint')}</p>
      {tooBig && (
        <p className="field-error" role="alert">
          {tooBig}
        </p>
      )}
      {table && (
        <>
          <p className="note" data-testid="training-csv-summary">
            {t('training.csv.summary', {
              rows: table.rows.length,
              cols: table.columns.length,
              sep: t(SEPARATOR_NAMES[table.delimiter]!),
              comma: table.decimalComma ? t('training.csv.decimal_comma') : '',
            })}
          </p>
          {column('x', 'training.csv.x')}
          {column('y', 'training.csv.y')}
          {column('label', 'training.csv.label')}
          <div className="csv-preview" aria-label={t('training.csv.preview')}>
            <table data-testid="training-csv-preview">
              <caption>{t('training.csv.preview')}</caption>
              <thead>
                <tr>
                  <th />
                  {table.columns.map((c, i) => (
                    <th key={i} scope="col" translate="no">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.slice(0, PREVIEW_ROWS).map((r, k) => (
                  <tr key={k}>
                    <th scope="row" className="muted">
                      {table.lines[k]}
                    </th>
                    {r.map((f, i) => (
                      <td key={i} translate="no">
                        {f}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {read.points?.classNames && (
        <p className="note" data-testid="training-csv-classes">
          {t('training.csv.classes', { names: read.points.classNames.join(', ') })}
        </p>
      )}
      {read.error && (
        <p className="field-error" role="alert" data-testid="training-csv-error" translate="no">
          {t('training.csv.error', { reason: read.error })}
        </p>
      )}
    </fieldset>
  );
}
