import { contract, isMethod, type Args, type Method, type Out } from '../shared/api/contract';
import { fail, type Reply } from '../shared/api/errors';
import { toFailure, toFieldIssues } from './errors';
import { normalizePhone } from '../shared/domain/phone';
import type { Ctx } from './ctx';
import * as customers from './services/customers';
import { merge } from './services/merge';
import * as sales from './services/sales';
import * as settings from './services/settings';
import * as staff from './services/staff';
import * as shop from './services/shop';
import { listTags } from './db/queries/customers';
import { listAudit } from './db/queries/audit';
import { AUDIT_ACTIONS } from '../shared/schemas/data';
import { listCampaigns } from './db/queries/campaigns';
import * as data from './services/data-api';
import { importJobStatus, cancelImportJob } from './services/import/jobs';
import { listImports } from './services/import/history';
import { campaignResults, exportContacts, selectContacts } from './services/export/contacts';
import { customerDataExport, eraseCustomer, resolveCustomer } from './services/privacy';
import { modelReport } from './services/analytics/model-report';
import { backtest } from './services/analytics/backtest';
import { commandHandlers } from './commands';
import { commands, isCommand } from '../shared/api/commands';
import { lapsedList, lapsedReport, recentCheck, withNames } from './services/analytics/lapsed';
import { customerInsightForScreen } from './services/analytics/customer-insight';
import { insightsChecks, insightsOverview } from './services/analytics/insights';
import { ANALYTICS_READS, cached } from './services/cache';
import { createPriceChange, deletePriceChange, listPriceChanges } from './services/prices';
import { priceChangeReport } from './services/analytics/price-changes';
import { insightsFailure } from './services/analytics/failure';
import * as complaints from './services/complaints';
import * as winback from './services/winback';
import { todayDone, todayList } from './services/today';
import { customerContacts } from './services/reach';
import { recordAttempt } from './services/attempts';
import * as offers from './services/offers';
import { reports } from './services/analytics/reports';
import * as products from './services/products';
import { deleteSavedFilter, listSavedFilters, saveFilter } from './services/saved-filters';
import { takeBackup } from './services/backup';
import { listStaff } from './db/queries/staff';
import { listPaymentMethods } from './db/queries/payment-methods';
import { sharingHandlers } from './services/sharing-handlers';
import { recordOnce } from './services/sale-keys';
import { isJsonBytes, parseJsonBytes } from './core/json-input';

type Handler<M extends Method> = (a: Args<M>, ctx: Ctx) => Out<M> | Promise<Out<M>>;

export const handlers = {
  'shop.status': (_a, ctx) => settings.shopStatus(ctx),
  'shop.startEmpty': (_a, ctx) => shop.startEmpty(ctx),
  'shop.loadDemo': (a, ctx) => shop.loadDemo(ctx, a),
  'settings.get': (_a, ctx) => settings.getSettings(ctx.db),
  'settings.update': (a, ctx) => settings.updateSettings(ctx, a),
  'staff.list': (_a, ctx) => listStaff(ctx.db),
  'staff.create': (a, ctx) => staff.createStaff(ctx, a.name),
  'staff.update': (a, ctx) => staff.updateStaff(ctx, a),
  'paymentMethods.list': (_a, ctx) => listPaymentMethods(ctx.db),
  'paymentMethods.create': (a, ctx) => staff.createPaymentMethod(ctx, a.name),
  'paymentMethods.update': (a, ctx) => staff.updatePaymentMethod(ctx, a),
  'customers.search': (a, ctx) => customers.search(ctx, a.query, a.limit),
  'customers.list': (a, ctx) => customers.list(ctx, a),
  'customers.get': (a, ctx) => customers.getCustomer(ctx, a.id),
  'customers.findByPhone': (a, ctx) => customers.findByPhone(ctx, a.phone, (p) => normalizePhone(p)),
  'customers.create': (a, ctx) => customers.create(ctx, a),
  'customers.update': (a, ctx) => customers.update(ctx, a),
  'customers.setConsent': (a, ctx) => customers.setConsent(ctx, a),
  'customers.consentHistory': (a, ctx) => customers.consentHistory(ctx, a.id),
  'customers.merge': (a, ctx) => merge(ctx, a.keepId, a.mergeId),
  'customers.sales': (a, ctx) => sales.customerSales(ctx, a.customerId, a.limit),
  'tags.list': (_a, ctx) => listTags(ctx.db),
  'sales.record': (a, ctx) => recordOnce(ctx, a, sales.record),
  'sales.void': (a, ctx) => sales.voidSale(ctx, a.id, a.reason, a.staffId),
  'sales.today': (a, ctx) => sales.todaysSales(ctx, a.limit),
  'db.integrityCheck': (_a, ctx) => shop.integrityCheck(ctx),
  'import.preview': (a, ctx) => data.importPreview(ctx, a),
  'import.start': (a, ctx) => data.importStart(ctx, a),
  'import.status': (a) => importJobStatus(a.id),
  'import.cancel': (a) => cancelImportJob(a.id),
  'import.list': (_a, ctx) => listImports(ctx),
  'exports.preview': (a, ctx) => {
    const { contacts, ...counts } = selectContacts(ctx, a);
    return { ...counts, exported: contacts.length };
  },
  'exports.contacts': async (a, ctx) => {
    const r = await exportContacts(ctx, a);
    return { campaign: r.campaign, fileName: r.fileName, mime: r.mime, base64: r.bytes.toString('base64'), offers: r.offers };
  },
  'campaigns.list': (_a, ctx) => listCampaigns(ctx.db),
  'campaigns.results': (a, ctx) => campaignResults(ctx, a.id),
  'backups.list': (_a, ctx) => data.backups(ctx),
  'backups.create': (_a, ctx) => takeBackup(ctx, 'manual'),
  'backups.preview': (a, ctx) => data.backupPreview(ctx, a.name),
  'backups.restore': (a, ctx) => data.backupRestore(ctx, a.name),
  'customers.exportData': (a, ctx) => customerDataExport(ctx, a.id),
  'customers.erase': (a, ctx) => eraseCustomer(ctx, a.id),
  // No action chosen means every entry the owner's log is about, not every edit the core records.
  'audit.list': (a, ctx) => listAudit(ctx.db, a.action ? [a.action] : AUDIT_ACTIONS, a.limit),
  'lapsed.list': (a, ctx) => lapsedReport(ctx, a),
  // The same 90-day check Insights shows: computed once until the next change, not on every visit.
  'lapsed.check': (_a, ctx) => cached(ctx, 'lapsed.check', settings.today(ctx), ANALYTICS_READS, () => recentCheck(ctx)).value,
  'insights.overview': (a, ctx) => insightsOverview(ctx, a),
  'insights.checks': (a, ctx) => insightsChecks(ctx, a),
  'insights.failure': (a, ctx) => insightsFailure(ctx, a),
  'priceChanges.list': (_a, ctx) => listPriceChanges(ctx),
  'priceChanges.create': (a, ctx) => createPriceChange(ctx, a),
  'priceChanges.delete': (a, ctx) => deletePriceChange(ctx, a.id),
  'priceChanges.analysis': (a, ctx) => priceChangeReport(ctx, a.asOf),
  'complaints.open': (a, ctx) => complaints.openComplaint(ctx, a),
  'complaints.list': (a, ctx) => complaints.listComplaints(ctx, a),
  'complaints.get': (a, ctx) => complaints.getComplaint(ctx, a.id),
  'complaints.step': (a, ctx) => complaints.complaintStep(ctx, a),
  'winback.start': (a, ctx) => winback.startWinback(ctx, a),
  'winback.list': (a, ctx) => winback.listWinback(ctx, a),
  'winback.get': (a, ctx) => winback.getWinback(ctx, a.id),
  'winback.step': (a, ctx) => winback.winbackStep(ctx, a),
  'insights.reports': (a, ctx) => reports(ctx, a),
  'filters.list': (_a, ctx) => listSavedFilters(ctx),
  'filters.save': (a, ctx) => saveFilter(ctx, a),
  'filters.delete': (a, ctx) => deleteSavedFilter(ctx, a.id),
  'products.list': (a, ctx) => products.listProducts(ctx, a),
  'products.create': (a, ctx) => products.createProduct(ctx, a),
  'products.update': (a, ctx) => products.updateProduct(ctx, a),
  'products.reprice': (a, ctx) => products.repriceProduct(ctx, a),
  'products.history': (a, ctx) => products.productHistory(ctx, a.id),
  'today.list': (a, ctx) => todayList(ctx, a.asOf),
  'today.done': (a, ctx) => todayDone(ctx, a),
  'reach.contacts': (a, ctx) => customerContacts(ctx, a.customerIds),
  'reach.attempt': (a, ctx) => recordAttempt(ctx, a),
  'offers.issue': (a, ctx) => offers.issueOffer(ctx, { ...a, source: { caseId: a.winbackId, campaignId: a.campaignId } }),
  'offers.list': (a, ctx) => offers.listOffers(ctx, a),
  'offers.check': (a, ctx) => offers.checkOffer(ctx, { code: a.offerCode, customerId: a.customerId, amountMinor: a.amountMinor }),
  'offers.insights': (_a, ctx) => offers.offerInsights(ctx),
  'model.show': (a, ctx) => modelReport(ctx, a.calibrationEnd),
  'model.backtest': (a, ctx) => backtest(ctx, a.asOf, a.horizonDays),
  'lapsed.entries': (a, ctx) => {
    const { entries } = lapsedList(ctx, a.asOf);
    return withNames(ctx, a.all ? entries : entries.filter((e) => e.status !== 'active'));
  },
  'customers.resolve': (a, ctx) => ({ id: resolveCustomer(ctx, a.key) }),
  'customers.insight': (a, ctx) => customerInsightForScreen(ctx, customers.liveRow(ctx.db, a.id).id),
  ...sharingHandlers,
} satisfies { [M in Method]: Handler<M> };

/**
 * The single entry point for every transport. Validates input against the contract before any
 * handler runs; never throws; every exception becomes an error envelope in one place
 * (main/errors.ts). The command line also reaches its own methods (shared/api/commands.ts, files by
 * path) with `{ local: true }`; no transport passes that.
 */
export async function dispatch(method: string, raw: unknown, ctx: Ctx, opts: { local?: boolean } = {}): Promise<Reply> {
  if (typeof method !== 'string') return fail('UNKNOWN_METHOD');
  const local = opts.local === true && isCommand(method);
  if (!local && !isMethod(method)) return fail('UNKNOWN_METHOD');
  const spec = local ? commands[method] : contract[method as Method];
  // an upload's body as the HTTP thread received it, unread (main/core/json-input.ts)
  if (isJsonBytes(raw)) {
    const body = parseJsonBytes(raw);
    if (!body) return fail('VALIDATION', [{ path: [], message: 'invalid_json' }]);
    raw = body.value;
  }
  const parsed = spec.input.safeParse(raw ?? {});
  if (!parsed.success) return fail('VALIDATION', toFieldIssues(parsed.error));
  try {
    const handler = (local ? commandHandlers[method] : handlers[method as Method]) as (a: unknown, ctx: Ctx) => unknown;
    return { ok: true, data: await handler(parsed.data, ctx) };
  } catch (e) {
    const failure = toFailure(e, { log: ctx.log, where: method });
    if (failure.error.code === 'DB_DAMAGED') ctx.health = 'damaged';
    return failure;
  }
}
