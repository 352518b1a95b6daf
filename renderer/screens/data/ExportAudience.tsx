import { AVAILABLE_SEGMENTS, LIST_SEGMENTS, SEGMENTS, type Segment } from '../../../shared/schemas/export';
import { TIERS } from '../../../shared/schemas/lapsed';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { useFormat } from '../../app/format';
import { SelectField } from '../../components/Field';
import { fieldError } from '../../components/errors';
import { segmentName } from './labels';
import { StaffOptions, type Tier } from './export-choice';

/** Who an export is for: a segment and what narrows it (a tag, a staff member, a tier, a saved filter). */
export interface Audience {
  segment: Segment;
  tag: string;
  staff: string;
  tier: Tier | '';
  savedName: string;
}

interface Props {
  value: Audience;
  onChange(patch: Partial<Audience>): void;
  tags: readonly { name: string; customers: number }[];
  savedFilters: readonly { id: number; name: string }[];
  /** the export's error: the fields it names show it */
  error: unknown;
}

/** The export's segment and the choices that segment needs; the lapsed list keeps the Lapsed screen's filters. */
export function ExportAudienceFields({ value, onChange, tags, savedFilters, error }: Props) {
  const { t } = useT();
  const f = useFormat();
  const { status } = useShop();
  const { segment, tag, staff, tier, savedName } = value;
  const isList = LIST_SEGMENTS.includes(segment);
  return (
    <>
      <SelectField
        label={t('data.export.segment')}
        value={segment}
        onChange={(e) => onChange({ segment: e.target.value as Segment })}
      >
        {SEGMENTS.map((s) => (
          <option key={s} value={s} disabled={!AVAILABLE_SEGMENTS.includes(s)}>
            {segmentName(t, s)}
          </option>
        ))}
      </SelectField>
      {segment === 'tag' ? (
        <SelectField
          label={t('data.export.tag')}
          value={tag}
          onChange={(e) => onChange({ tag: e.target.value })}
          error={fieldError(t, error, 'tag')}
        >
          <option value="">{t('data.export.choose')}</option>
          {tags.map((x) => (
            <option key={x.name} value={x.name}>
              {t('data.export.tagOption', { tag: x.name, n: f.number(x.customers) })}
            </option>
          ))}
        </SelectField>
      ) : null}
      {segment === 'staff' ? (
        <SelectField
          label={t('data.export.staff')}
          value={staff}
          onChange={(e) => onChange({ staff: e.target.value })}
          error={fieldError(t, error, 'staff')}
        >
          <option value="">{t('data.export.choose')}</option>
          <StaffOptions staff={status.staff} />
        </SelectField>
      ) : null}
      {isList ? (
        <SelectField label={t('data.export.tier')} value={tier} onChange={(e) => onChange({ tier: e.target.value as Tier | '' })}>
          <option value="">{t('data.export.allTiers')}</option>
          {TIERS.map((x) => (
            <option key={x} value={x}>
              {t(`tier.${x}`)}
            </option>
          ))}
        </SelectField>
      ) : null}
      {isList ? (
        <SelectField label={t('data.export.staff')} value={staff} onChange={(e) => onChange({ staff: e.target.value })}>
          <option value="">{t('data.export.allStaff')}</option>
          <StaffOptions staff={status.staff} />
        </SelectField>
      ) : null}
      {segment === 'saved' ? (
        <SelectField
          label={t('data.export.savedFilter')}
          value={savedName}
          onChange={(e) => onChange({ savedName: e.target.value })}
          error={fieldError(t, error, 'name')}
        >
          <option value="">{t('data.export.choose')}</option>
          {savedFilters.map((x) => (
            <option key={x.id} value={x.name}>
              {x.name}
            </option>
          ))}
        </SelectField>
      ) : null}
    </>
  );
}
