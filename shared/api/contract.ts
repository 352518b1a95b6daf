import { z } from 'zod';
import { Id, IsoDate, OptionalText, Text } from '../schemas/common';
import {
  ConsentChange,
  ConsentEvent,
  Customer,
  CustomerDraft,
  CustomerPatch,
  CustomerSummary,
  ListInput,
  ListOutput,
  MergeInput,
  SearchInput,
} from '../schemas/customer';
import { CustomerSalesInput, Sale, SaleDraft, VoidInput } from '../schemas/sale';
import {
  DemoInput,
  IntegrityResult,
  PaymentMethod,
  PaymentMethodDraft,
  PaymentMethodPatch,
  Settings,
  SettingsPatch,
  ShopStatus,
  Staff,
  StaffDraft,
  StaffPatch,
} from '../schemas/settings';

import { ImportJob, ImportList, ImportPreview, ImportRequest } from '../schemas/import';
import { CustomerInsight, LapsedQuery, LapsedReport, LapsedRow } from '../schemas/lapsed';
import { Backtest, BacktestQuery, ModelQuery, ModelReport } from '../schemas/model';
import { InsightsChecks, InsightsOverview, InsightsQuery, InsightsFailure } from '../schemas/insights';
import { PriceChange, PriceChangeId, PriceChangeInput, PriceChangeAnalysisInput, PriceChangeReport } from '../schemas/prices';
import { Reports, ReportsQuery } from '../schemas/reports';
import { SavedFilter, SavedFilterInput } from '../schemas/customer';
import { PriceHistoryEntry, Product, ProductDraft, ProductPatch, ProductQuery, Reprice } from '../schemas/products';
import {
  Complaint,
  ComplaintDraft,
  AttemptInput,
  AttemptSummary,
  ContactsQuery,
  CustomerContact,
  ComplaintQuery,
  ComplaintStepInput,
  TodayDone,
  TodayItem,
  TodayQuery,
  WinbackCase,
  WinbackQuery,
  WinbackStart,
  WinbackStepInput,
} from '../schemas/care';
import { CampaignResults, Campaign, ExportInput, ExportResult } from '../schemas/export';
import { Offer, OfferCheck, OfferCheckInput, OfferDraft, OfferInsights, OfferQuery } from '../schemas/offers';
import {
  AUDIT_ACTIONS,
  AuditEntry,
  BackupInfo,
  BackupList,
  BackupName,
  BackupPreview,
  CustomerDataExport,
} from '../schemas/data';

import { sharingContract } from './contract-sharing';

const None = z.strictObject({}).default({});
const ById = z.strictObject({ id: Id });

/**
 * The one seam between the UI (or a script) and the core: method name -> input and output schema.
 * Every transport validates input with these before anything touches the database.
 */
export const contract = {
  'shop.status': { input: None, output: ShopStatus },
  'shop.startEmpty': { input: None, output: ShopStatus },
  'shop.loadDemo': { input: DemoInput, output: ShopStatus },
  'settings.get': { input: None, output: Settings },
  'settings.update': { input: SettingsPatch, output: Settings },
  'staff.list': { input: None, output: z.array(Staff) },
  'staff.create': { input: StaffDraft, output: Staff },
  'staff.update': { input: StaffPatch, output: Staff },
  'paymentMethods.list': { input: None, output: z.array(PaymentMethod) },
  'paymentMethods.create': { input: PaymentMethodDraft, output: PaymentMethod },
  'paymentMethods.update': { input: PaymentMethodPatch, output: PaymentMethod },
  'customers.search': { input: SearchInput, output: z.array(CustomerSummary) },
  'customers.list': { input: ListInput, output: ListOutput },
  'customers.get': { input: ById, output: Customer },
  'customers.findByPhone': { input: z.strictObject({ phone: OptionalText(32) }), output: CustomerSummary.nullable() },
  'customers.create': { input: CustomerDraft, output: Customer },
  'customers.update': { input: CustomerPatch, output: Customer },
  'customers.setConsent': { input: ConsentChange, output: Customer },
  'customers.consentHistory': { input: ById, output: z.array(ConsentEvent) },
  'customers.merge': { input: MergeInput, output: Customer },
  'customers.sales': { input: CustomerSalesInput, output: z.array(Sale) },
  'tags.list': { input: None, output: z.array(z.object({ name: z.string(), customers: z.number() })) },
  'sales.record': { input: SaleDraft, output: Sale },
  'sales.void': { input: VoidInput, output: Sale },
  'sales.today': { input: z.strictObject({ limit: z.number().int().min(1).max(200).default(20) }), output: z.array(Sale) },
  'db.integrityCheck': { input: None, output: IntegrityResult },
  'import.preview': { input: ImportRequest, output: ImportPreview },
  'import.start': { input: ImportRequest, output: ImportJob },
  'import.status': { input: z.strictObject({ id: z.string().uuid() }), output: ImportJob },
  'import.cancel': { input: z.strictObject({ id: z.string().uuid() }), output: ImportJob },
  /** this shop's imports, newest first: running and finished ones of this run, then those the database records */
  'import.list': { input: z.strictObject({}), output: ImportList },
  'exports.preview': {
    input: ExportInput,
    output: z.object({ matched: z.number(), exported: z.number(), leftOutNoConsent: z.number(), leftOutNoContact: z.number() }),
  },
  'exports.contacts': { input: ExportInput, output: ExportResult },
  'campaigns.list': { input: None, output: z.array(Campaign) },
  'campaigns.results': { input: ById, output: CampaignResults },
  'backups.list': { input: None, output: BackupList },
  'backups.create': { input: None, output: BackupInfo },
  'backups.preview': { input: BackupName, output: BackupPreview },
  'backups.restore': { input: BackupName, output: z.object({ preview: BackupPreview, safetyCopy: BackupInfo }) },
  'customers.exportData': { input: ById, output: CustomerDataExport },
  'customers.erase': {
    input: z.strictObject({ id: Id, confirm: z.literal(true) }),
    output: z.object({ erasedId: z.number(), anonymisedSales: z.number() }),
  },
  'lapsed.list': { input: LapsedQuery, output: LapsedReport },
  'customers.insight': { input: ById, output: CustomerInsight.nullable() },
  'lapsed.check': { input: None, output: z.object({ asOf: z.string(), flagged: z.number(), stayedAway: z.number() }) },
  'insights.overview': { input: InsightsQuery, output: InsightsOverview },
  'insights.checks': { input: InsightsQuery, output: InsightsChecks },
  'insights.failure': { input: InsightsQuery, output: InsightsFailure },
  'priceChanges.list': { input: None, output: z.array(PriceChange) },
  'priceChanges.create': { input: PriceChangeInput, output: PriceChange },
  'priceChanges.delete': { input: PriceChangeId, output: z.object({ id: z.number() }) },
  'priceChanges.analysis': { input: PriceChangeAnalysisInput, output: PriceChangeReport },
  'complaints.open': { input: ComplaintDraft, output: Complaint },
  'complaints.list': { input: ComplaintQuery, output: z.array(Complaint) },
  'complaints.get': { input: z.strictObject({ id: Id }), output: Complaint },
  'complaints.step': { input: ComplaintStepInput, output: Complaint },
  'winback.start': { input: WinbackStart, output: WinbackCase },
  'winback.list': { input: WinbackQuery, output: z.array(WinbackCase) },
  'winback.get': { input: z.strictObject({ id: Id }), output: WinbackCase },
  'winback.step': { input: WinbackStepInput, output: WinbackCase },
  'insights.reports': { input: ReportsQuery, output: Reports },
  'filters.list': { input: None, output: z.array(SavedFilter) },
  'filters.save': { input: SavedFilterInput, output: SavedFilter },
  'filters.delete': { input: z.strictObject({ id: Id }), output: z.object({ id: z.number() }) },
  'products.list': { input: ProductQuery, output: z.array(Product) },
  'products.create': { input: ProductDraft, output: Product },
  'products.update': { input: ProductPatch, output: Product },
  'products.reprice': { input: Reprice, output: Product },
  'products.history': { input: z.strictObject({ id: Id }), output: z.array(PriceHistoryEntry) },
  'today.list': { input: TodayQuery, output: z.array(TodayItem) },
  'today.done': { input: TodayDone, output: z.object({ kind: z.string(), ref: z.number() }) },
  'reach.contacts': { input: ContactsQuery, output: z.array(CustomerContact) },
  'reach.attempt': { input: AttemptInput, output: AttemptSummary },
  'offers.issue': { input: OfferDraft, output: Offer },
  'offers.list': { input: OfferQuery, output: z.array(Offer) },
  /** what a code typed at the counter would take off (the sale checks it again when recorded) */
  'offers.check': { input: OfferCheckInput, output: OfferCheck },
  'offers.insights': { input: None, output: OfferInsights },
  'model.show': { input: ModelQuery, output: ModelReport },
  'model.backtest': { input: BacktestQuery, output: Backtest },
  /** the lapsed list's entries with names (every customer with `all`), as `regulars lapsed` prints them */
  'lapsed.entries': {
    input: z.strictObject({ asOf: IsoDate.optional(), all: z.boolean().default(false) }),
    output: z.array(LapsedRow),
  },
  /** a customer named the ways the owner knows them: id, member code or phone */
  'customers.resolve': { input: z.strictObject({ key: Text(200) }), output: z.object({ id: z.number() }) },
  'audit.list': {
    input: z.strictObject({
      action: z.enum(AUDIT_ACTIONS).nullable().default(null),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(AuditEntry),
  },
  ...sharingContract,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Args<M extends Method> = z.output<Contract[M]['input']>;
/** What a caller may pass (defaults filled in by the schema). */
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type Out<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];
export function isMethod(name: string): name is Method {
  return Object.hasOwn(contract, name);
}
