import type { Command } from '../../shared/api/commands';
import type { Method } from '../../shared/api/contract';
import { SHARING_ROUTES } from './routes-sharing';
import { isJsonBytes } from './json-input';

/**
 * Which worker answers which method (docs/architecture.md). Three lanes, each one thread with its
 * own SQLite connection (WAL), so the counter never queues behind a list, a model fit or a backup:
 *
 * - `writer`: every method that writes what the owner typed, in short `BEGIN IMMEDIATE`
 *   transactions, and the write steps the readers hand over (main/core/write-step.ts). The import
 *   jobs live here too (import.start's job, import.status and import.cancel share one jobs map),
 *   and the restore, which swaps the file (the pool closes the readers around it).
 * - `counter`: the counter's fast indexed reads (search, the picked customer, today's sales, the
 *   shop's status and settings).
 * - `heavy`: lists, Lapsed and Insights (model fits), exports, import previews and xlsx parsing,
 *   big uploads' checking and decoding (laneFor), backups and the integrity check. What these write (a model fit
 *   kept, an export's campaign and offers, a backup's log line, an import job) is a write step,
 *   run by the writer: nothing here takes the write lock.
 *
 * `Record<Method, Lane>` fails to compile when a contract method is missing, and a test checks the
 * table against the contract at run time too.
 */
export type Lane = 'writer' | 'counter' | 'heavy';
export const LANES: readonly Lane[] = ['writer', 'counter', 'heavy'];

export const ROUTES: Record<Method, Lane> = {
  'shop.status': 'counter',
  'shop.startEmpty': 'writer',
  'shop.loadDemo': 'writer',
  'settings.get': 'counter',
  'settings.update': 'writer',
  'staff.list': 'counter',
  'staff.create': 'writer',
  'staff.update': 'writer',
  'paymentMethods.list': 'counter',
  'paymentMethods.create': 'writer',
  'paymentMethods.update': 'writer',
  'customers.search': 'counter',
  'customers.list': 'heavy',
  'customers.get': 'counter',
  'customers.findByPhone': 'counter',
  'customers.create': 'writer',
  'customers.update': 'writer',
  'customers.setConsent': 'writer',
  'customers.consentHistory': 'counter',
  'customers.merge': 'writer',
  'customers.sales': 'counter',
  'tags.list': 'counter',
  'sales.record': 'writer',
  'sales.void': 'writer',
  'sales.today': 'counter',
  'db.integrityCheck': 'heavy',
  'import.preview': 'heavy',
  // a big upload is checked and decoded on the heavy reader first (INPUT_ROUTES below)
  'import.start': 'writer',
  'import.status': 'writer',
  'import.cancel': 'writer',
  // the jobs map lives in the writer's thread (import.start's job, status, cancel), and with it this run's imports
  'import.list': 'writer',
  'exports.preview': 'heavy',
  'exports.contacts': 'heavy',
  'campaigns.list': 'counter',
  'campaigns.results': 'heavy',
  'backups.list': 'heavy',
  'backups.create': 'heavy',
  'backups.preview': 'heavy',
  'backups.restore': 'writer',
  'customers.exportData': 'heavy',
  'customers.erase': 'writer',
  'audit.list': 'heavy',
  'lapsed.list': 'heavy',
  'lapsed.check': 'heavy',
  'insights.overview': 'heavy',
  'insights.checks': 'heavy',
  'insights.failure': 'heavy',
  'priceChanges.list': 'counter',
  'priceChanges.create': 'writer',
  'priceChanges.delete': 'writer',
  'priceChanges.analysis': 'heavy',
  'complaints.open': 'writer',
  'complaints.list': 'heavy',
  'complaints.get': 'counter',
  'complaints.step': 'writer',
  'winback.start': 'writer',
  'winback.list': 'heavy',
  'winback.get': 'counter',
  'winback.step': 'writer',
  'insights.reports': 'heavy',
  'filters.list': 'counter',
  'filters.save': 'writer',
  'filters.delete': 'writer',
  'products.list': 'counter',
  'products.create': 'writer',
  'products.update': 'writer',
  'products.reprice': 'writer',
  'products.history': 'counter',
  'today.list': 'heavy',
  'today.done': 'writer',
  'reach.contacts': 'heavy',
  'reach.attempt': 'writer',
  'offers.issue': 'writer',
  'offers.list': 'heavy',
  'offers.check': 'counter',
  'offers.insights': 'heavy',
  // the whole month's lapsed list behind it: a model fit when cold, so not at the counter's lane
  'customers.insight': 'heavy',
  // the model the lists use, and the list rebuilt as of a past date: fits, so with the lists
  'model.show': 'heavy',
  'model.backtest': 'heavy',
  'lapsed.entries': 'heavy',
  'customers.resolve': 'counter',
  ...SHARING_ROUTES,
};

/**
 * An upload up to this size (base64 characters, about 750 KB of file) is checked and decoded where
 * import.start's job lives, on the writer lane, in a few milliseconds. A bigger one (up to 150 MB)
 * would hold the writer lane, and every sale queued behind it, for as long as checking, decoding and
 * copying it takes (30 MB: 0.5–1.9 s on a busy machine): it goes to the heavy reader, and the job is
 * started on the writer as a write step with the decoded bytes handed over (main/services/data-api.ts).
 * A small one keeps out of the heavy reader's queue, where a start would wait for a cold list or
 * the start-up checks.
 */
export const SMALL_UPLOAD_BASE64 = 1_000_000;

const uploadSize = (input: unknown): number => {
  // browser mode's upload still as its JSON text (main/core/json-input.ts): the text's length
  if (isJsonBytes(input)) return input.byteLength;
  const data = typeof input === 'object' && input !== null ? (input as { data?: unknown }).data : undefined;
  return typeof data === 'string' ? data.length : 0;
};

/** Methods whose lane depends on their input (looked at without reading it through: a length). */
const INPUT_ROUTES: Partial<Record<Method, (input: unknown) => Lane>> = {
  'import.start': (input) => (uploadSize(input) > SMALL_UPLOAD_BASE64 ? 'heavy' : 'writer'),
};

/** The lane that answers this call. */
export function laneFor(method: Method, input: unknown): Lane {
  return INPUT_ROUTES[method]?.(input) ?? ROUTES[method];
}

/**
 * The command line's own methods (shared/api/commands.ts): the CLI runs them in-process today, and
 * they take the lane their work would take in a pool.
 */
export const COMMAND_ROUTES: Record<Command, Lane> = {
  'demo.generate': 'writer',
  'import.file': 'writer',
  'backups.copyTo': 'heavy',
  'backups.previewFile': 'heavy',
  'backups.restoreFile': 'writer',
  'exports.write': 'heavy',
  'customers.exportTo': 'heavy',
};

/**
 * Methods after which the file under every connection was replaced (a restore): the pool closes the
 * readers' connections before and reopens them after, as SQLite must not have a file renamed over it
 * while a connection in this process still has it open.
 */
export const REPLACES_FILE: ReadonlySet<Method> = new Set<Method>(['backups.restore']);
