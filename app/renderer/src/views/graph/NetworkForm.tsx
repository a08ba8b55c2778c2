/**
 * The network mode's inputs: a 2-D classification data set, the hidden layer widths and activation
 * (the training lab's MLP), the seed of the initial weights and which row goes through the network.
 * Widths and numbers are checked here; the host's errors (a row past the end) show at their field.
 */
import type { StringKey } from '../../i18n/strings';
import { useI18n } from '../../i18n/i18n';
import { FieldError } from './FieldError';
import type { GraphError } from './useGraphCompute';

/** the activations a lesson offers (names of functions: the same in every language) */
const ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'leaky_relu', 'gelu', 'softplus'] as const;

export const GRAPH_DATASETS = ['xor', 'moons', 'circles', 'spiral', 'blobs', 'checkerboard'] as const;

export interface NetworkFields {
  dataset: string;
  hidden: string;
  activation: string;
  seed: string;
  example: string;
}

export function parseHidden(text: string): number[] | null {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 4) return null;
  const widths = parts.map(Number);
  return widths.every((w) => Number.isInteger(w) && w >= 1 && w <= 16) ? widths : null;
}

export function parseCount(text: string): number | null {
  const v = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(v) && v >= 0 ? v : null;
}

interface Props {
  fields: NetworkFields;
  onChange: (fields: NetworkFields) => void;
  error: GraphError | null;
}

export function NetworkForm({ fields, onChange, error }: Props) {
  const { t } = useI18n();
  const set = (k: keyof NetworkFields) => (e: { target: { value: string } }) => onChange({ ...fields, [k]: e.target.value });
  const hostError = (prefix: string) => (error?.field?.startsWith(prefix) ? error.detail : null);
  const shown = new Set(['graph.example', 'graph.seed', 'graph.model.hidden']);
  const otherError = error && !(error.field && [...shown].some((s) => error.field!.startsWith(s))) ? error : null;
  const hiddenBad = parseHidden(fields.hidden) === null;
  const seedBad = parseCount(fields.seed) === null;
  const exampleBad = parseCount(fields.example) === null;
  return (
    <div className="graph-form network-form">
      <label className="field">
        <span className="field-label">{t('graph.dataset')}</span>
        <select value={fields.dataset} onChange={set('dataset')} data-testid="graph-dataset">
          {GRAPH_DATASETS.map((d) => (
            <option key={d} value={d}>
              {t(`graph.dataset.${d}` as StringKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('graph.hidden')}</span>
        <input type="text" className="short" value={fields.hidden} onChange={set('hidden')} aria-invalid={hiddenBad || undefined} data-testid="graph-hidden" />
        {(hiddenBad || hostError('graph.model.hidden')) && <FieldError id="graph-hidden-error" message={hiddenBad ? t('graph.hidden.error') : hostError('graph.model.hidden')!} />}
      </label>
      <label className="field">
        <span className="field-label">{t('graph.activation')}</span>
        <select value={fields.activation} onChange={set('activation')} data-testid="graph-activation">
          {ACTIVATIONS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('graph.seed')}</span>
        <input type="text" inputMode="numeric" className="short" value={fields.seed} onChange={set('seed')} aria-invalid={seedBad || undefined} data-testid="graph-seed" />
        {(seedBad || hostError('graph.seed')) && <FieldError id="graph-seed-error" message={seedBad ? t('graph.seed.error') : hostError('graph.seed')!} />}
      </label>
      <label className="field">
        <span className="field-label">{t('graph.example')}</span>
        <input type="number" min={0} step={1} className="short" value={fields.example} onChange={set('example')} aria-invalid={exampleBad || undefined} data-testid="graph-example" />
        {(exampleBad || hostError('graph.example')) && <FieldError id="graph-example-error" message={exampleBad ? t('graph.example.error') : hostError('graph.example')!} />}
      </label>
      {otherError && <FieldError id="graph-error" message={otherError.message} />}
    </div>
  );
}
