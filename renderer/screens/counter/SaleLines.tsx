import type { Product } from '../../../shared/schemas/products';
import { lineGrossMinor, parseQuantityToMilli } from '../../../shared/domain/lines';
import { parseAmountToMinor } from '../../../shared/domain/money';
import type { BaseKey } from '../../../shared/i18n';
import { ApiError } from '../../api/client';
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';

export interface DraftLine {
  product: Product;
  /** as typed: "2", "1.5" */
  quantity: string;
  /** as typed; empty is none */
  discount: string;
}

/** A line's quantity in thousandths, discount and total as typed, or null where they do not parse. */
export function lineAmounts(l: DraftLine) {
  const quantityMilli = parseQuantityToMilli(l.quantity);
  const discount = l.discount.trim() ? parseAmountToMinor(l.discount) : 0;
  const gross = quantityMilli === null ? null : lineGrossMinor(quantityMilli, l.product.priceMinor);
  const total = gross === null || discount === null || discount > gross ? null : gross - discount;
  return { quantityMilli, discount, gross, total };
}

interface Props {
  lines: DraftLine[];
  onChange(lines: DraftLine[]): void;
  /** the last failed save, for the issues it names on a line */
  error: unknown;
}

/** The items rung up: quantity and discount editable per line, its total, and a way to remove it. */
export function SaleLines({ lines, onChange, error }: Props) {
  const { t } = useT();
  const f = useFormat();
  const set = (i: number, patch: Partial<DraftLine>) => onChange(lines.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  const issue = (i: number, field: string) => {
    const key = error instanceof ApiError ? error.itemIssue('lines', i, field) : undefined;
    return key ? t(`error.field.${key}` as BaseKey) : undefined;
  };
  return (
    <table className="sale-lines">
      <caption className="visually-hidden">{t('counter.lines')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('counter.product')}</th>
          <th scope="col">{t('counter.quantity')}</th>
          <th scope="col" className="num">
            {t('counter.unitPrice')}
          </th>
          <th scope="col">{t('counter.lineDiscount')}</th>
          <th scope="col" className="num">
            {t('counter.lineTotal')}
          </th>
          <th scope="col">
            <span className="visually-hidden">{t('counter.removeLine')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => {
          const a = lineAmounts(l);
          const qtyErr = a.quantityMilli === null ? t('error.field.quantity_invalid') : issue(i, 'quantity');
          const discErr =
            a.discount === null
              ? t('error.field.amount_invalid')
              : a.gross !== null && a.discount > a.gross
                ? t('error.field.discount_exceeds_line')
                : issue(i, 'lineDiscountMinor');
          const rowErr = issue(i, 'productId');
          return (
            <tr key={l.product.id}>
              <th scope="row">
                {l.product.name}
                <CellError error={rowErr} />
              </th>
              <CellInput
                label={t('counter.quantityOf', { name: l.product.name })}
                value={l.quantity}
                error={qtyErr}
                onChange={(quantity) => set(i, { quantity })}
              />
              <td className="num">{f.money(l.product.priceMinor)}</td>
              <CellInput
                label={t('counter.discountOn', { name: l.product.name })}
                value={l.discount}
                error={discErr}
                onChange={(discount) => set(i, { discount })}
              />
              <td className="num">{a.total === null ? '—' : f.money(a.total)}</td>
              <td>
                <button
                  type="button"
                  className="link"
                  aria-label={t('counter.removeNamed', { name: l.product.name })}
                  onClick={() => onChange(lines.filter((_, k) => k !== i))}
                >
                  {t('counter.removeLine')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A number typed into a line (quantity, discount), named by its label, with its problem below. */
function CellInput(p: { label: string; value: string; error: string | undefined; onChange(v: string): void }) {
  return (
    <td>
      <input
        className="qty"
        inputMode="decimal"
        autoComplete="off"
        aria-label={p.label}
        aria-invalid={p.error ? true : undefined}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
      />
      <CellError error={p.error} />
    </td>
  );
}

function CellError({ error }: { error: string | undefined }) {
  return error ? (
    <div className="field-error" role="alert">
      {error}
    </div>
  ) : null;
}
