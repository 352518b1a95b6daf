import type { Locale } from '../schemas/common';
import { care as enCare } from './en/care';
import { cli as enCli } from './en/cli';
import { cliHelp as enCliHelp } from './en/cli-help';
import { common as enCommon } from './en/common';
import { counter as enCounter } from './en/counter';
import { customers as enCustomers } from './en/customers';
import { data as enData } from './en/data';
import { insights as enInsights } from './en/insights';
import { lapsed as enLapsed } from './en/lapsed';
import { offers as enOffers } from './en/offers';
import { reach as enReach } from './en/reach';
import { settings as enSettings } from './en/settings';
import { share as enShare } from './en/share';
import { welcome as enWelcome } from './en/welcome';
import { care as zhCare } from './zh-CN/care';
import { cli as zhCli } from './zh-CN/cli';
import { cliHelp as zhCliHelp } from './zh-CN/cli-help';
import { common as zhCommon } from './zh-CN/common';
import { counter as zhCounter } from './zh-CN/counter';
import { customers as zhCustomers } from './zh-CN/customers';
import { data as zhData } from './zh-CN/data';
import { insights as zhInsights } from './zh-CN/insights';
import { lapsed as zhLapsed } from './zh-CN/lapsed';
import { offers as zhOffers } from './zh-CN/offers';
import { reach as zhReach } from './zh-CN/reach';
import { settings as zhSettings } from './zh-CN/settings';
import { share as zhShare } from './zh-CN/share';
import { welcome as zhWelcome } from './zh-CN/welcome';

/** One dictionary per screen, merged; the Chinese ones are typed against the English keys. */
export const en = {
  ...enCare,
  ...enCli,
  ...enCliHelp,
  ...enCommon,
  ...enCounter,
  ...enCustomers,
  ...enData,
  ...enInsights,
  ...enLapsed,
  ...enOffers,
  ...enReach,
  ...enSettings,
  ...enShare,
  ...enWelcome,
};
export type MessageKey = keyof typeof en;
export const zhCN: Record<MessageKey, string> = {
  ...zhCare,
  ...zhCli,
  ...zhCliHelp,
  ...zhCommon,
  ...zhCounter,
  ...zhCustomers,
  ...zhData,
  ...zhInsights,
  ...zhLapsed,
  ...zhOffers,
  ...zhReach,
  ...zhSettings,
  ...zhShare,
  ...zhWelcome,
};

export const messages: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** Picks the UI language: an explicit choice, else Chinese when the system language is Chinese. */
export function resolveLocale(explicit: string | null | undefined, systemLanguages: readonly string[]): Locale {
  if (explicit === 'en' || explicit === 'zh-CN') return explicit;
  if (explicit && /^zh/i.test(explicit)) return 'zh-CN';
  if (explicit && /^en/i.test(explicit)) return 'en';
  return systemLanguages.some((l) => /^zh/i.test(l)) ? 'zh-CN' : 'en';
}

/** Plural keys end in _one / _other (i18next convention); the base key is what screens pass. */
export type BaseKey<K = MessageKey> = K extends `${infer B}_one` ? B : K extends `${string}_other` ? never : K;
