import type { SelectHTMLAttributes } from 'react';
import { useT } from '../app/i18n';
import { SelectField } from './Field';
import { zoneName } from './zones';

/** The zones offered; a shop set to another one (the computer's own, say) sees it first. */
const TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];

/** The shop's time zone, named in the UI language with its code: on Settings and at first start. */
export function TimeZoneField({
  value,
  error,
  ...select
}: { value: string; error?: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value'>) {
  const { t, locale } = useT();
  const zones = TIME_ZONES.includes(value) ? TIME_ZONES : [value, ...TIME_ZONES];
  return (
    <SelectField label={t('settings.timeZone')} value={value} error={error} {...select}>
      {zones.map((z) => (
        <option key={z} value={z}>
          {t('settings.namedCode', { name: zoneName(locale, z), code: z })}
        </option>
      ))}
    </SelectField>
  );
}
