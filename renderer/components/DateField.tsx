import { useEffect, useId, useState } from 'react';
import { useT } from '../app/i18n';
import { useFormat } from '../app/format';

/** "2026-3-5", "2026/03/05", "2026年3月5日" → "2026-03-05" when it is a real day; anything else → null. */
export function parseDay(text: string): string | null {
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * A date field that takes YYYY-MM-DD (its value stays YYYY-MM-DD) and names the day in the UI
 * language beside it; the browser's own date box draws its format in the browser's language.
 * onChange gets the ISO day, or the text as typed while it is not a day yet (so the form's check
 * can say so).
 */
export function DateField({
  label,
  value,
  onChange,
  error,
  max,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
  max?: string | undefined;
}) {
  const id = useId();
  const { t } = useT();
  const f = useFormat();
  const [text, setText] = useState(value);
  useEffect(() => setText((old) => (parseDay(old) === value ? old : value)), [value]);
  const day = parseDay(text);
  const invalid = Boolean(error) || (text !== '' && (day === null || (max !== undefined && day > max)));
  const describedBy = [`${id}-named`, error ? `${id}-err` : ''].filter(Boolean).join(' ');
  return (
    <div className="field date-field">
      <label htmlFor={id}>{label}</label>
      <div className="date-input">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          size={11}
          placeholder={t('common.datePlaceholder')}
          value={text}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            setText(e.target.value);
            onChange(parseDay(e.target.value) ?? e.target.value);
          }}
        />
        <output id={`${id}-named`} className="muted" htmlFor={id}>
          {day ? f.day(day) : ''}
        </output>
      </div>
      {error ? (
        <div id={`${id}-err`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
