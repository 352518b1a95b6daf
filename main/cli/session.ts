import type { Command, CommandInput, CommandOut } from '../../shared/api/commands';
import type { Input, Method, Out } from '../../shared/api/contract';
import { errorText } from '../../shared/api/error-text';
import type { Failure, Reply } from '../../shared/api/errors';
import { messages, resolveLocale, type MessageKey } from '../../shared/i18n';
import type { Locale } from '../../shared/schemas/common';
import { dispatch } from '../api';
import { closeApp, openApp } from '../app';
import { resolveDbPath } from '../paths';

/** The language of the command line's words: LANG until a shop is open, then the shop's own choice (else LANG). */
let locale: Locale = resolveLocale(null, [process.env.LANG ?? '']);
export const cliLocale = (): Locale => locale;

/** A message in the command line's language, {{placeholders}} filled in. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return (messages[locale][key] ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (all, k: string) => (k in vars ? String(vars[k]) : all));
}

/** A call the core refused: its error envelope, its message already in the command line's language. */
export class CallFailed extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error.message ?? failure.error.code);
  }
}

export interface Shop {
  dbPath: string;
  /** a contract method, as IPC and HTTP call it */
  call<M extends Method>(method: M, input: Input<M>): Promise<Out<M>>;
  /** one of the command line's own methods (files by path: shared/api/commands.ts) */
  run<C extends Command>(command: C, input: CommandInput<C>): Promise<CommandOut<C>>;
}

/**
 * Opens the shop (created and migrated when new), runs `fn` with calls that go through the same
 * `dispatch` as IPC and HTTP, and closes it. A refused call throws CallFailed.
 */
export async function withShop<T>(
  db: string | undefined,
  fn: (shop: Shop) => Promise<T> | T,
  opts: { progress?: (done: number, total: number) => void } = {},
): Promise<T> {
  const dbPath = resolveDbPath(db);
  const ctx = openApp({ dbPath });
  if (opts.progress) ctx.progress = opts.progress;
  const settle = (r: Reply): unknown => {
    if (r.ok) return r.data;
    throw new CallFailed({ ok: false, error: { ...r.error, message: errorText(r.error, messages[locale]) } });
  };
  const shop: Shop = {
    dbPath,
    call: async (method, input) => settle(await dispatch(method, input, ctx)) as never,
    run: async (command, input) => settle(await dispatch(command, input, ctx, { local: true })) as never,
  };
  try {
    const settings = await shop.call('settings.get', {});
    locale = resolveLocale(settings.language, [process.env.LANG ?? '']);
    return await fn(shop);
  } finally {
    closeApp(ctx);
  }
}
