import { AVAILABLE_SEGMENTS, type Segment } from '../../../shared/schemas/export';
import { CHANNELS, type Channel } from '../../../shared/schemas/common';
import { TIERS } from '../../../shared/schemas/lapsed';
import {
  CUSTOMER_FIELDS,
  PRODUCT_FIELDS,
  SALE_FIELDS,
  type CustomerField,
  type ImportKind,
  type SaleField,
} from '../../../shared/schemas/import';
import type { T } from '../../app/i18n';

type ReadySegment = Segment;
const LATER: readonly string[] = [];

/** A segment in words; the ones this version cannot compute yet say what they wait for. */
export function segmentName(t: T, segment: string): string {
  return (AVAILABLE_SEGMENTS as readonly string[]).includes(segment)
    ? t(`data.export.segment.${segment as ReadySegment}`)
    : LATER.includes(segment)
      ? t(`data.export.segmentLater.${segment as Exclude<Segment, ReadySegment>}`)
      : segment;
}

/**
 * A segment with its parameter, e.g. "Customers with a tag: VIP". Staff are stored by id (what
 * the export form sends) or by name (the CLI's --staff), so both are looked up.
 */
export function segmentWithParams(
  t: T,
  segment: string,
  params: Record<string, string | undefined>,
  staff: readonly { id: number; name: string }[],
): string {
  const staffName = (v: string) => staff.find((s) => String(s.id) === v)?.name ?? v;
  const tier = (TIERS as readonly string[]).includes(params.tier ?? '') ? (params.tier as (typeof TIERS)[number]) : null;
  const detail = [
    params.tag,
    tier ? t('data.export.tierDetail', { tier: t(`tier.${tier}`) }) : undefined,
    params.staff ? staffName(params.staff) : undefined,
    params.name,
  ]
    .filter(Boolean)
    .join(' · ');
  return detail ? t('data.export.segmentWith', { segment: segmentName(t, segment), detail }) : segmentName(t, segment);
}

/** Export formats as the owner chose them (`call_list`: a printed call list). */
export function formatName(t: T, format: string): string {
  if (format === 'call_list') return t('data.export.format.print');
  if (format === 'sms_csv' || format === 'sms_xlsx') return t(`data.export.format.${format}`);
  return format === 'csv' || format === 'xlsx' || format === 'vcf' ? t(`data.export.format.${format}`) : format;
}

/** Every format a campaign's list was written in ("CSV for Excel; vCard .vcf"), with the language's separator. */
export function formatsName(t: T, formats: readonly string[]): string {
  return formats.map((x) => formatName(t, x)).join(t('common.listSeparator'));
}

/** A channel code as stored in the log, in words. */
export function channelName(t: T, channel: string): string {
  return (CHANNELS as readonly string[]).includes(channel) ? t(`channel.${channel as Channel}`) : channel;
}

const isOneOf = <F extends string>(list: readonly F[], s: string): s is F => (list as readonly string[]).includes(s);

/**
 * An import field in the UI language ("Member or card number", 会员号或卡号), as the mapping, the
 * sample's headers and the problems list show it; the keys (`member_code`) are `--map`'s and the
 * README's. Anything that is not a field of this kind is returned as it is.
 */
export function fieldLabel(t: T, kind: ImportKind, field: string): string {
  if (kind === 'products') return isOneOf(PRODUCT_FIELDS, field) ? t(`data.productField.${field}`) : field;
  const fields = kind === 'customers' ? CUSTOMER_FIELDS : SALE_FIELDS;
  return isOneOf<CustomerField | SaleField>(fields, field) ? t(`data.field.${field}`) : field;
}

/** Days between two business dates (YYYY-MM-DD), never negative. */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / 86_400_000));
}
