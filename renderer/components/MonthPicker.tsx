import { useEffect, useState } from 'react';
import { useT } from '../app/i18n';

/** The last day of a YYYY-MM month, or today when it is the current month: the "as of" of a monthly view. */
export function asOfFor(month: string, today: string): string {
  if (month === today.slice(0, 7)) return today;
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** "2026-3", "2026/03", "2026年3月" → "2026-03"; anything else → null. */
export function parseMonth(text: string): string | null {
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$/.exec(text);
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : null;
}

function shift(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * The as-of month field of the Lapsed and Insights screens (no month after this one). A text box
 * that takes YYYY-MM (its value stays YYYY-MM), with the month named in the UI language beside it
 * and buttons for the month before and after: the browser's own month picker speaks the browser's
 * language, not the app's.
 */
export function MonthPicker({
  id,
  label,
  month,
  today,
  onChange,
}: {
  id: string;
  label: string;
  month: string;
  today: string;
  onChange(m: string): void;
}) {
  const { t, locale } = useT();
  const [text, setText] = useState(month);
  useEffect(() => setText(month), [month]);
  const max = today.slice(0, 7);
  const parsed = parseMonth(text);
  const invalid = parsed === null || parsed > max;
  const named = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    Date.parse(`${month}-01T00:00:00Z`),
  );
  return (
    <div className="field month-field">
      <label htmlFor={id}>{label}</label>
      <div className="month-picker">
        <button
          type="button"
          className="secondary small"
          aria-label={t('common.prevMonth')}
          onClick={() => onChange(shift(month, -1))}
        >
          ‹
        </button>
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          size={8}
          placeholder={t('common.monthPlaceholder')}
          value={text}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={`${id}-named`}
          onChange={(e) => {
            setText(e.target.value);
            const m = parseMonth(e.target.value);
            if (m && m <= max) onChange(m);
          }}
          onBlur={() => setText(month)}
        />
        <button
          type="button"
          className="secondary small"
          aria-label={t('common.nextMonth')}
          disabled={month >= max}
          onClick={() => onChange(shift(month, 1))}
        >
          ›
        </button>
        <output id={`${id}-named`} className="muted" htmlFor={id}>
          {named}
        </output>
      </div>
    </div>
  );
}
