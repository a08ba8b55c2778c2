/**
 * The map's view controls: zoom in and out about the centre, back to the whole landscape, and a range
 * typed in (x from … to, y from … to; each field checked as typed, Apply waits for all four). The wheel,
 * a drag and the keys do the same on the map itself (LandscapeCanvas); mapView.ts does the arithmetic.
 */
import { useState } from 'react';

import { useI18n } from '../../i18n/i18n';
import type { Bounds } from './mapGeometry';
import { rangeText, readRange, zoomAbout, type RangeErrors, type RangeField } from './mapView';

export interface MapViewToolsProps {
  /** the range drawn now (the grid's), null before the first grid */
  bounds: Bounds | null;
  /** whether the view differs from the landscape's own range */
  zoomed: boolean;
  onView: (bounds: Bounds | null) => void;
}

export function MapViewTools({ bounds, zoomed, onView }: MapViewToolsProps) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<Record<RangeField, string> | null>(null);
  const read = editing ? readRange(editing) : null;
  const errors: RangeErrors = read && 'errors' in read ? read.errors : {};
  const errorText = (code: string | undefined) => (code ? t(`playground.view.err.${code as 'number' | 'coord' | 'order' | 'span'}`) : null);
  const zoom = (factor: number) => bounds && onView(zoomAbout(bounds, (bounds.xmin + bounds.xmax) / 2, (bounds.ymin + bounds.ymax) / 2, factor));
  const field = (k: RangeField, label: string) => (
    <label className="pg-range-field">
      {label}
      <input
        className="mono"
        data-testid={`pg-range-${k}`}
        value={editing![k]}
        aria-invalid={Boolean(errors[k] || errors[k[0] as 'x' | 'y'])}
        onChange={(e) => setEditing({ ...editing!, [k]: e.target.value })}
      />
    </label>
  );
  return (
    <div className="pg-view-tools" data-testid="pg-view-tools">
      <button type="button" className="ghost small" title={t('playground.view.zoom_in')} aria-label={t('playground.view.zoom_in')} data-testid="pg-zoom-in" disabled={!bounds} onClick={() => zoom(1.5)}>
        +
      </button>
      <button type="button" className="ghost small" title={t('playground.view.zoom_out')} aria-label={t('playground.view.zoom_out')} data-testid="pg-zoom-out" disabled={!bounds} onClick={() => zoom(1 / 1.5)}>
        −
      </button>
      <button type="button" className="ghost small" data-testid="pg-view-reset" disabled={!zoomed} onClick={() => onView(null)}>
        {t('playground.view.reset')}
      </button>
      <button type="button" className="ghost small" data-testid="pg-range" aria-expanded={editing !== null} disabled={!bounds} onClick={() => setEditing(editing ? null : bounds && rangeText(bounds))}>
        {t('playground.view.range')}
      </button>
      {editing && (
        <form
          className="pg-range"
          data-testid="pg-range-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (read && 'bounds' in read) {
              onView(read.bounds);
              setEditing(null);
            }
          }}
        >
          <span className="pg-range-axis">
            {field('xmin', t('playground.view.x_from'))}
            {field('xmax', t('playground.view.to'))}
          </span>
          <span className="pg-range-axis">
            {field('ymin', t('playground.view.y_from'))}
            {field('ymax', t('playground.view.to'))}
          </span>
          <button type="submit" className="small" data-testid="pg-range-apply" disabled={!read || !('bounds' in read)}>
            {t('playground.view.apply')}
          </button>
          {(['xmin', 'xmax', 'x', 'ymin', 'ymax', 'y'] as const).map((k) =>
            errors[k] ? (
              <span key={k} className="field-error" data-testid={`pg-range-error-${k}`}>
                {t(`playground.view.field.${k}`)}: {errorText(errors[k])}
              </span>
            ) : null,
          )}
        </form>
      )}
    </div>
  );
}
