import { z } from 'zod';
import { Id } from '../schemas/common';
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
  'customers.findByPhone': { input: z.strictObject({ phone: z.string().max(32) }), output: CustomerSummary.nullable() },
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
