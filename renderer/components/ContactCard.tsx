import { useState } from 'react';
import type { Channel } from '../../shared/schemas/common';
import { messages, type MessageKey } from '../../shared/i18n';
import { SENDING_CHANNELS, suggestMessage, type MessageKind } from '../../shared/domain/messages';
import { useT } from '../app/i18n';
import { useFormat } from '../app/format';
import { useShop } from '../app/shop';

const CHANNELS: readonly Channel[] = ['phone', 'sms', 'wechat', 'email'];

/** Fills a suggested text in the shop's language, as the core does for Today and cases (for lists that carry no text). */
export function useSuggestedMessage(): (kind: MessageKind, name: string) => string {
  const { settings } = useShop().status;
  const dict = messages[settings.language === 'en' ? 'en' : 'zh-CN'];
  return (kind, name) =>
    suggestMessage(kind, settings.messages, (k) => dict[`reach.default.${k}` as MessageKey], { name, shop: settings.shopName });
}

/** Copies a text in one click and says so (or says to copy it by hand when the clipboard refuses). */
function CopyButton({ text, label, visible }: { text: string; label: string; visible: string }) {
  const { t } = useT();
  const [said, setSaid] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid(t('reach.copied'));
    } catch {
      setSaid(t('reach.copyFailed'));
    }
  };
  return (
    <>
      <button type="button" className="secondary small" aria-label={label} onClick={() => void copy()}>
        {visible}
      </button>
      <span role="status" className="muted">
        {said}
      </span>
    </>
  );
}

/**
 * How to reach a customer where the task is: the number (a tel: link and a copy button), which
 * channels they agreed to, and the suggested message with a copy button — only when they agreed
 * to a channel it can be sent on; otherwise it says there is nothing to send.
 */
export function ContactCard(p: {
  name: string;
  phone: string | null;
  consents: readonly Channel[];
  message: string;
  compact?: boolean;
}) {
  const { t } = useT();
  const f = useFormat();
  const canSend = SENDING_CHANNELS.some((c) => p.consents.includes(c));
  return (
    <div className="contact-card" aria-label={t('reach.contact', { name: p.name })} role="group">
      <div className="row">
        {p.phone ? (
          <>
            <a
              href={`tel:${p.phone}`}
              aria-label={`${t('reach.callFor', { name: p.name })} ${f.phone(p.phone)}`}
              className="nowrap"
            >
              {f.phone(p.phone)}
            </a>
            <CopyButton text={p.phone} label={t('reach.copyPhoneFor', { name: p.name })} visible={t('reach.copyPhone')} />
          </>
        ) : (
          <span className="muted">{t('reach.noPhone')}</span>
        )}
      </div>
      <ul className="consents">
        {CHANNELS.map((c) => (
          <li key={c} className={p.consents.includes(c) ? 'consent-yes' : 'consent-no muted'}>
            {t(p.consents.includes(c) ? 'reach.consent.yes' : 'reach.consent.no', { channel: t(`reach.channel.${c}`) })}
          </li>
        ))}
      </ul>
      {canSend || p.consents.includes('phone') ? (
        <div className={p.compact ? 'reach-message compact' : 'reach-message'}>
          {p.compact ? null : (
            <p>
              <span className="muted">{canSend ? t('reach.message') : t('reach.sayThis')}: </span>
              {p.message}
            </p>
          )}
          {canSend ? (
            <CopyButton text={p.message} label={t('reach.copyMessageFor', { name: p.name })} visible={t('reach.copyMessage')} />
          ) : null}
        </div>
      ) : null}
      {!canSend ? <p className="muted">{t('reach.noSendConsent')}</p> : null}
    </div>
  );
}
