/**
 * A time zone's name in the UI language ("中国标准时间", "China Standard Time"). Intl.DisplayNames
 * cannot name zones, so the name is read from a formatted date; a zone with only a GMT offset for a
 * generic name (UTC) takes its long name instead.
 */
export function zoneName(locale: string, timeZone: string): string {
  const part = (style: 'longGeneric' | 'long') => {
    try {
      return new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style })
        .formatToParts(0)
        .find((p) => p.type === 'timeZoneName')?.value;
    } catch {
      return undefined;
    }
  };
  const generic = part('longGeneric');
  return (generic && !/^GMT/.test(generic) ? generic : part('long')) ?? timeZone;
}

/** A currency's name in the UI language ("人民币", "Chinese Yuan"), or its code. */
export function currencyName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}
