import type { Channel } from '../../../shared/schemas/common';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { href } from '../../app/router';

export interface Counts {
  exported: number;
  leftOutNoConsent: number;
  leftOutNoContact: number;
}

export interface Done {
  id: number;
  file: string;
  exported: number;
  printed: boolean;
  offers: number;
}

/**
 * Who the export takes and who it leaves out, and why. Counted with consent required: those left
 * out for consent are exactly the ones "include customers without consent" adds back.
 */
export function ExportCount({
  counts,
  withoutConsent,
  channel,
}: {
  counts: Counts | null;
  withoutConsent: boolean;
  channel: Channel;
}) {
  const { t } = useT();
  const f = useFormat();
  const contact = channel === 'email' ? t('data.export.contact.email') : t('data.export.contact.phone');
  const consent = t(`data.export.consent.${channel}`);
  return (
    <p aria-live="polite" className="export-count">
      {counts && !withoutConsent
        ? t('data.export.count', {
            exported: f.number(counts.exported),
            noConsent: f.number(counts.leftOutNoConsent),
            noContact: f.number(counts.leftOutNoContact),
            consent,
            contact,
          })
        : null}
      {counts && withoutConsent
        ? t('data.export.countAll', {
            exported: f.number(counts.exported + counts.leftOutNoConsent),
            withoutConsent: f.number(counts.leftOutNoConsent),
            noContact: f.number(counts.leftOutNoContact),
            contact,
          })
        : null}
    </p>
  );
}

/** What the last export made (a file or a call list), with a link to its campaign. */
export function ExportDone({ done }: { done: Done | null }) {
  const { t } = useT();
  const f = useFormat();
  return (
    <p role="status" className="status-line">
      {done
        ? done.printed
          ? t('data.export.donePrint', { exported: f.number(done.exported), id: done.id })
          : t('data.export.done', { exported: f.number(done.exported), file: done.file, id: done.id })
        : null}{' '}
      {done?.offers ? t('data.export.doneOffers', { count: done.offers }) : null}{' '}
      {done ? <a href={href(`/data/campaigns/${done.id}`)}>{t('data.export.openCampaign')}</a> : null}
    </p>
  );
}
