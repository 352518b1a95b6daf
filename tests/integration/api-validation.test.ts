import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/api';
import type { Ctx } from '../../main/ctx';
import type { Failure } from '../../shared/api/errors';
import type { Customer } from '../../shared/schemas/customer';
import { en } from '../../shared/i18n/index';
import { cleanupAll, counts, err, makeCtx, ok } from '../helpers/db';

afterEach(cleanupAll);

/** A small shop, so a wrongly accepted write would change the counts: one customer, one sale. */
async function shop(): Promise<{ ctx: Ctx; customerId: number; saleId: number }> {
  const { ctx } = makeCtx();
  const c = await ok<Customer>(ctx, 'customers.create', {
    name: '张三',
    phone: '13912345678',
    tags: ['vip'],
    consent: { sms: true },
  });
  const s = await ok<{ id: number }>(ctx, 'sales.record', { customerId: c.id, amountMinor: 1000 });
  return { ctx, customerId: c.id, saleId: s.id };
}

const staffRows = (ctx: Ctx) => ctx.db.prepare('SELECT * FROM staff ORDER BY id').all();
const methodRows = (ctx: Ctx) => ctx.db.prepare('SELECT * FROM payment_methods ORDER BY id').all();
const settingRows = (ctx: Ctx) => ctx.db.prepare('SELECT * FROM settings ORDER BY key').all();
const customerRows = (ctx: Ctx) => ctx.db.prepare('SELECT * FROM customers ORDER BY id').all();
const saleRows = (ctx: Ctx) => ctx.db.prepare('SELECT * FROM sales ORDER BY id').all();

/** Everything a refused call must leave exactly as it was. */
const snapshot = (ctx: Ctx) => ({
  counts: counts(ctx),
  customers: customerRows(ctx),
  sales: saleRows(ctx),
  staff: staffRows(ctx),
  methods: methodRows(ctx),
  settings: settingRows(ctx),
});

type Case = [
  label: string,
  method: string,
  input: unknown,
  code: Failure['error']['code'],
  /** an issue expected at this path (first element), '' for the root, null for no check */
  field: string | null,
  /** and with this i18n key, null for any key */
  key: string | null,
];

const CID = '<customerId>'; // placeholder for the shop's customer id
const SID = '<saleId>'; // placeholder for the shop's sale id

const cases: Case[] = [
  // customers.create
  ['unknown field', 'customers.create', { name: '李四', evil: 1 }, 'VALIDATION', '', 'unknown_field'],
  ['missing name', 'customers.create', { phone: '13800001111' }, 'VALIDATION', 'name', null],
  ['empty name', 'customers.create', { name: '' }, 'VALIDATION', 'name', 'name_required'],
  ['whitespace name', 'customers.create', { name: '   \t ' }, 'VALIDATION', 'name', 'name_required'],
  ['name as a number', 'customers.create', { name: 42 }, 'VALIDATION', 'name', null],
  ['101-character name', 'customers.create', { name: '李'.repeat(101) }, 'VALIDATION', 'name', 'too_long'],
  ['5-digit phone', 'customers.create', { name: '李四', phone: '12345' }, 'VALIDATION', 'phone', 'phone_invalid'],
  ['letters as phone', 'customers.create', { name: '李四', phone: 'abc' }, 'VALIDATION', 'phone', 'phone_invalid'],
  ['partial foreign phone', 'customers.create', { name: '李四', phone: '+1 555' }, 'VALIDATION', 'phone', 'phone_invalid'],
  ['phone as a number', 'customers.create', { name: '李四', phone: 13800001111 }, 'VALIDATION', 'phone', 'phone_invalid'],
  ['40-char phone', 'customers.create', { name: '李四', phone: '1'.repeat(40) }, 'VALIDATION', 'phone', 'phone_invalid'],
  ['impossible birthday', 'customers.create', { name: '李四', birthday: '2024-02-30' }, 'VALIDATION', 'birthday', 'date_invalid'],
  [
    'birthday in another format',
    'customers.create',
    { name: '李四', birthday: '1990/05/01' },
    'VALIDATION',
    'birthday',
    'date_invalid',
  ],
  ['unknown consent channel', 'customers.create', { name: '李四', consent: { fax: true } }, 'VALIDATION', 'consent', null],
  ['unknown staff for customer', 'customers.create', { name: '李四', staffId: 999 }, 'NOT_FOUND', 'staffId', 'staff_unknown'],
  [
    '51 tags',
    'customers.create',
    { name: '李四', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) },
    'VALIDATION',
    'tags',
    null,
  ],
  // customers.update / get / merge / consent
  ['unknown customer to update', 'customers.update', { id: 999, name: '李四' }, 'NOT_FOUND', null, null],
  [
    'bad phone on update',
    'customers.update',
    { id: CID, name: 'changed', phone: '12345' },
    'VALIDATION',
    'phone',
    'phone_invalid',
  ],
  ['blank name on update', 'customers.update', { id: CID, name: ' ' }, 'VALIDATION', 'name', 'name_required'],
  ['id 0', 'customers.get', { id: 0 }, 'VALIDATION', 'id', 'invalid_id'],
  ['id as text', 'customers.get', { id: '1' }, 'VALIDATION', 'id', 'invalid_id'],
  ['unknown customer to get', 'customers.get', { id: 999 }, 'NOT_FOUND', null, null],
  ['merge into unknown', 'customers.merge', { keepId: 999, mergeId: CID }, 'NOT_FOUND', null, null],
  [
    'consent for unknown customer',
    'customers.setConsent',
    { customerId: 999, channel: 'sms', granted: false },
    'NOT_FOUND',
    null,
    null,
  ],
  [
    'consent on unknown channel',
    'customers.setConsent',
    { customerId: CID, channel: 'fax', granted: false },
    'VALIDATION',
    'channel',
    null,
  ],
  ['consent as text', 'customers.setConsent', { customerId: CID, channel: 'sms', granted: 'no' }, 'VALIDATION', 'granted', null],
  ['empty search', 'customers.search', { query: '  ' }, 'VALIDATION', 'query', 'required'],
  // sales.record
  ['negative amount', 'sales.record', { amountMinor: -1 }, 'VALIDATION', 'amountMinor', 'amount_negative'],
  ['fractional minor units', 'sales.record', { amountMinor: 12.5 }, 'VALIDATION', 'amountMinor', 'amount_not_integer'],
  ['amount as text', 'sales.record', { amountMinor: '100' }, 'VALIDATION', 'amountMinor', 'amount_invalid'],
  ['NaN amount', 'sales.record', { amountMinor: Number.NaN }, 'VALIDATION', 'amountMinor', 'amount_invalid'],
  ['infinite amount', 'sales.record', { amountMinor: Number.POSITIVE_INFINITY }, 'VALIDATION', 'amountMinor', 'amount_invalid'],
  [
    'minus infinite amount',
    'sales.record',
    { amountMinor: Number.NEGATIVE_INFINITY },
    'VALIDATION',
    'amountMinor',
    'amount_invalid',
  ],
  ['amount over the cap', 'sales.record', { amountMinor: 100_000_001 }, 'VALIDATION', 'amountMinor', 'amount_too_large'],
  ['missing amount', 'sales.record', { customerId: CID }, 'VALIDATION', 'amountMinor', 'required'],
  ['null amount', 'sales.record', { amountMinor: null }, 'VALIDATION', 'amountMinor', 'amount_invalid'],
  ['absurd amount', 'sales.record', { amountMinor: 1e12 }, 'VALIDATION', 'amountMinor', 'amount_too_large'],
  ['items as text', 'sales.record', { amountMinor: 100, items: '2' }, 'VALIDATION', 'items', 'items_invalid'],
  ['fractional date', 'sales.record', { amountMinor: 100, occurredAt: 1.5 }, 'VALIDATION', 'occurredAt', null],
  ['unknown customer id 0', 'sales.record', { amountMinor: 100, customerId: 0 }, 'VALIDATION', 'customerId', 'invalid_id'],
  [
    'negative discount',
    'sales.record',
    { amountMinor: 100, discountMinor: -5 },
    'VALIDATION',
    'discountMinor',
    'amount_negative',
  ],
  ['zero items', 'sales.record', { amountMinor: 100, items: 0 }, 'VALIDATION', 'items', 'items_invalid'],
  ['fractional items', 'sales.record', { amountMinor: 100, items: 1.5 }, 'VALIDATION', 'items', 'items_invalid'],
  ['unknown field on a sale', 'sales.record', { amountMinor: 100, tip: 5 }, 'VALIDATION', '', 'unknown_field'],
  ['unknown customer id', 'sales.record', { amountMinor: 100, customerId: 999 }, 'NOT_FOUND', null, null],
  ['unknown staff id', 'sales.record', { amountMinor: 100, staffId: 999 }, 'NOT_FOUND', 'staffId', 'staff_unknown'],
  [
    'unknown payment method id',
    'sales.record',
    { amountMinor: 100, paymentMethodId: 999 },
    'NOT_FOUND',
    'paymentMethodId',
    'payment_unknown',
  ],
  [
    'sale in the future',
    'sales.record',
    { amountMinor: 100, occurredAt: Date.parse('2027-01-01T00:00:00Z') },
    'VALIDATION',
    'occurredAt',
    'date_in_future',
  ],
  // sales.void
  ['void without reason', 'sales.void', { id: SID, reason: '' }, 'VALIDATION', 'reason', 'reason_required'],
  ['void of unknown sale', 'sales.void', { id: 999, reason: 'x' }, 'NOT_FOUND', null, null],
  ['void by unknown staff', 'sales.void', { id: SID, reason: 'x', staffId: 999 }, 'NOT_FOUND', 'staffId', 'staff_unknown'],
  // settings, staff, payment methods
  ['unknown time zone', 'settings.update', { timeZone: 'Mars/Olympus' }, 'VALIDATION', 'timeZone', 'timezone_invalid'],
  ['unknown currency', 'settings.update', { currency: 'XXX' }, 'VALIDATION', 'currency', null],
  ['unknown setting', 'settings.update', { colour: 'red' }, 'VALIDATION', '', 'unknown_field'],
  ['unknown default staff', 'settings.update', { defaultStaffId: 999 }, 'NOT_FOUND', null, null],
  ['unknown default payment', 'settings.update', { defaultPaymentMethodId: 999 }, 'NOT_FOUND', null, null],
  ['blank staff name', 'staff.create', { name: ' ' }, 'VALIDATION', 'name', 'name_required'],
  ['unknown staff to update', 'staff.update', { id: 999, isActive: false }, 'NOT_FOUND', null, null],
  ['blank payment method name', 'paymentMethods.create', { name: '' }, 'VALIDATION', 'name', 'name_required'],
  ['unknown payment method to update', 'paymentMethods.update', { id: 999, isActive: false }, 'NOT_FOUND', null, null],
  ['input that is not an object', 'customers.create', 'name=x', 'VALIDATION', null, null],
  ['input that is an array', 'sales.record', [100], 'VALIDATION', null, null],
  // issue messages raised by the data services are i18n keys too
  [
    'export of a saved filter that does not exist',
    'exports.preview',
    { segment: 'saved', name: 'x', channel: 'sms', format: 'csv' },
    'NOT_FOUND',
    'name',
    'filter_unknown',
  ],
  [
    'import mapped to an unknown field',
    'import.preview',
    {
      fileName: 'a.csv',
      data: Buffer.from('name,phone\n张三,13912345678\n').toString('base64'),
      kind: 'customers',
      map: { name: 'bogus' },
    },
    'VALIDATION',
    'map',
    'mapping_invalid',
  ],
  // methods
  ['unknown method', 'customers.drop', {}, 'UNKNOWN_METHOD', null, null],
  ['prototype key as method', '__proto__', {}, 'UNKNOWN_METHOD', null, null],
  ['toString as method', 'toString', {}, 'UNKNOWN_METHOD', null, null],
];

const fill = (v: unknown, customerId: number, saleId: number): unknown => {
  if (v === CID) return customerId;
  if (v === SID) return saleId;
  if (Array.isArray(v)) return v.map((x) => fill(x, customerId, saleId));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x, customerId, saleId)]));
  return v;
};

describe('bad input is refused and writes nothing', () => {
  it.each(cases)('%s (%s)', async (_label, method, rawInput, code, field, key) => {
    const { ctx, customerId, saleId } = await shop();
    const input = fill(rawInput, customerId, saleId);
    const before = snapshot(ctx);
    const r = await dispatch(method, input, ctx);
    expect(r.ok, JSON.stringify(r)).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    if (field !== null) {
      const issue = r.error.issues?.find((i) => (field === '' ? i.path.length === 0 : i.path[0] === field));
      expect(issue, `issue at ${field || '<root>'} in ${JSON.stringify(r.error.issues)}`).toBeDefined();
      expect(Array.isArray(issue!.path)).toBe(true);
      if (key !== null) expect(issue!.message).toBe(key);
    }
    for (const i of r.error.issues ?? []) {
      expect(Array.isArray(i.path), JSON.stringify(i)).toBe(true);
      expect(Object.hasOwn(en, `error.field.${i.message}`), `error.field.${i.message} is not in the English dictionary`).toBe(
        true,
      );
    }
    // An unexpected crash would be INTERNAL; none of these is one.
    expect(r.error.code).not.toBe('INTERNAL');
    expect(snapshot(ctx)).toEqual(before);
  });
});

describe('issue details', () => {
  it('reports every bad field at once, each with a path and a key', async () => {
    const { ctx } = makeCtx();
    const e = await err(ctx, 'customers.create', { name: '', phone: 'abc', birthday: '2024-13-01', extra: true });
    expect(e.code).toBe('VALIDATION');
    const byPath = Object.fromEntries((e.issues ?? []).map((i) => [i.path.join('.') || '<root>', i.message]));
    expect(byPath).toMatchObject({
      name: 'name_required',
      phone: 'phone_invalid',
      birthday: 'date_invalid',
      '<root>': 'unknown_field',
    });
    expect(counts(ctx).customers).toBe(0);
  });

  it('points into nested fields', async () => {
    const { ctx } = makeCtx();
    const e = await err(ctx, 'customers.create', { name: 'A', tags: ['ok', ''] });
    expect(e.issues).toContainEqual({ path: ['tags', 1], message: 'required' });
  });

  it('accepts the boundary values it refuses one step beyond', async () => {
    const { ctx } = makeCtx();
    await ok(ctx, 'customers.create', { name: 'x'.repeat(100) });
    await ok(ctx, 'sales.record', { amountMinor: 100_000_000 });
    await ok(ctx, 'sales.record', { amountMinor: 0 });
    await ok(ctx, 'sales.record', { amountMinor: 1, items: 10_000 });
    expect((await err(ctx, 'sales.record', { amountMinor: 1, items: 10_001 })).code).toBe('VALIDATION');
  });
});
