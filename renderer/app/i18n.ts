import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { messages, type BaseKey } from '../../shared/i18n';
import type { Locale } from '../../shared/schemas/common';

export function initI18n(lng: Locale) {
  void i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources: { en: { translation: messages.en }, 'zh-CN': { translation: messages['zh-CN'] } },
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    keySeparator: false,
    nsSeparator: false,
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  return i18next;
}

export type T = (key: BaseKey, vars?: Record<string, string | number | undefined>) => string;

/** Typed translation: only keys that exist in the dictionaries compile. */
export function useT(): { t: T; locale: Locale } {
  const { t, i18n } = useTranslation();
  return { t: t as unknown as T, locale: (i18n.language === 'zh-CN' ? 'zh-CN' : 'en') as Locale };
}

/** Switches the UI language; a ?lang= in the address follows, so a reload keeps the choice. */
export function setLanguage(l: Locale): void {
  void i18next.changeLanguage(l);
  const url = new URL(window.location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', l);
    window.history.replaceState(null, '', url);
  }
}
