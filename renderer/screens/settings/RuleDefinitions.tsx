import { Fragment } from 'react';
import { useT } from '../../app/i18n';

const DEFINITIONS = ['visit', 'gap', 'lapsed', 'fading', 'overdue', 'tiers', 'valueAtRisk', 'priceSensitive'] as const;

/** The definitions behind the rules, in words, so the owner need not look them up elsewhere. */
export function RuleDefinitions() {
  const { t } = useT();
  return (
    <details className="rule-defs">
      <summary>{t('settings.defs.title')}</summary>
      <dl>
        {DEFINITIONS.map((k) => (
          <Fragment key={k}>
            <dt>{t(`settings.defs.${k}`)}</dt>
            <dd>{t(`settings.defs.${k}.text`)}</dd>
          </Fragment>
        ))}
      </dl>
    </details>
  );
}
