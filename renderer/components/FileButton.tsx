import { useId, useState, type InputHTMLAttributes } from 'react';
import { useT } from '../app/i18n';

/**
 * A file field in the UI language: the browser's own file input ("Choose File / No file chosen")
 * speaks the browser's language, so it is visually hidden (still focusable and labelled) and a
 * label drawn as a button opens it, with the chosen file's name beside it.
 */
export function FileButton({
  id: givenId,
  label,
  hint,
  onChange,
  ...input
}: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const ownId = useId();
  const id = givenId ?? ownId;
  const { t } = useT();
  const [name, setName] = useState('');
  return (
    <div className="field file-field">
      <label htmlFor={id}>{label}</label>
      <div className="file-picker">
        <input
          id={id}
          type="file"
          className="visually-hidden file-input"
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => {
            setName(e.target.files?.[0]?.name ?? '');
            onChange?.(e);
          }}
          {...input}
        />
        <label htmlFor={id} className="file-button" aria-hidden="true">
          {t('common.chooseFile')}
        </label>
        <span className="file-name">{name || t('common.noFile')}</span>
      </div>
      {hint ? (
        <div id={`${id}-hint`} className="hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}
