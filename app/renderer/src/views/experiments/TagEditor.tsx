/**
 * A run's tags as chips: × removes one, typing a tag and Enter adds it. The change is handed up whole
 * (runs/edit replaces a run's tags); a tag must be 1–100 characters, as the store allows.
 */
import { useState } from 'react';

import { useI18n } from '../../i18n/i18n';

export function TagEditor({ tags, onChange, disabled }: { tags: string[]; onChange: (tags: string[]) => void; disabled?: boolean }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const [bad, setBad] = useState(false);
  const add = () => {
    const tag = draft.trim();
    if (tag.length < 1 || tag.length > 100) return setBad(true);
    setBad(false);
    setDraft('');
    if (!tags.includes(tag)) onChange([...tags, tag]);
  };
  return (
    <div className="tag-editor">
      <div className="tag-list">
        {tags.map((tag) => (
          <span key={tag} className="tag" data-testid={`tag-${tag}`}>
            {tag}
            <button type="button" className="tag-x" aria-label={t('experiments.editor.tag_remove', { tag })} disabled={disabled} onClick={() => onChange(tags.filter((x) => x !== tag))}>
              ×
            </button>
          </span>
        ))}
        <input
          type="text"
          data-testid="tag-input"
          aria-label={t('experiments.editor.tag_add')}
          aria-invalid={bad}
          placeholder={t('experiments.editor.tag_placeholder')}
          value={draft}
          disabled={disabled}
          onChange={(e) => {
            setDraft(e.target.value);
            setBad(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
      </div>
      {bad && <span className="field-error">{t('experiments.editor.tag_bad')}</span>}
    </div>
  );
}
