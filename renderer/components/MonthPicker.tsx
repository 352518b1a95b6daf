/** The last day of a YYYY-MM month, or today when it is the current month: the "as of" of a monthly view. */
export function asOfFor(month: string, today: string): string {
  if (month === today.slice(0, 7)) return today;
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The as-of month field of the Lapsed and Insights screens (no month after this one). */
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
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="month" value={month} max={today.slice(0, 7)} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
