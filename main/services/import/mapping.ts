import { createHash } from 'node:crypto';
import {
  CUSTOMER_FIELDS,
  PRODUCT_FIELDS,
  SALE_FIELDS,
  type CustomerField,
  type ImportKind,
  type Mapping,
  type ProductField,
  type SaleField,
} from '../../../shared/schemas/import';

/**
 * Header words in Chinese and English that name each field, as other systems and spreadsheets
 * write them. Compared after lower-casing and removing spaces, underscores and punctuation.
 */
const SYNONYMS: Record<CustomerField | SaleField, string[]> = {
  external_id: ['externalid', 'customerid', 'clientid', 'id', '客户编号', '顾客编号', '客户id', '顾客id', '编号'],
  customer_id: ['customerid', 'clientid', 'custid', '客户编号', '顾客编号', '客户id', '顾客id'],
  name: [
    'name',
    'customername',
    'customer',
    'fullname',
    '姓名',
    '名字',
    '客户',
    '顾客',
    '客户名称',
    '顾客姓名',
    '客户姓名',
    '会员姓名',
  ],
  phone: [
    'phone',
    'mobile',
    'tel',
    'telephone',
    'cell',
    'phonenumber',
    '手机',
    '手机号',
    '手机号码',
    '电话',
    '电话号码',
    '联系电话',
    '联系方式',
  ],
  member_code: [
    'membercode',
    'member',
    'memberno',
    'membernumber',
    'card',
    'cardno',
    '会员号',
    '会员卡号',
    '卡号',
    '会员编号',
    '会员码',
  ],
  birthday: ['birthday', 'birthdate', 'dob', 'dateofbirth', '生日', '出生日期'],
  notes: ['notes', 'note', 'remark', 'remarks', 'comment', '备注', '说明'],
  tags: ['tags', 'tag', 'labels', 'group', '标签', '分组', '分类'],
  consent_sms: ['consentsms', 'sms', 'smsconsent', '短信', '接收短信', '短信营销'],
  consent_phone: ['consentphone', 'phoneconsent', 'call', 'calls', '电话营销', '接听电话', '电话回访'],
  consent_wechat: ['consentwechat', 'wechat', 'wechatconsent', '微信', '微信营销'],
  consent_email: ['consentemail', 'email', 'emailconsent', '邮件', '邮件营销', '电子邮件'],
  date: [
    'date',
    'time',
    'datetime',
    'orderdate',
    'saledate',
    'purchasedate',
    'timestamp',
    '日期',
    '时间',
    '消费日期',
    '消费时间',
    '下单时间',
    '交易时间',
    '销售日期',
  ],
  amount: [
    'amount',
    'total',
    'paid',
    'value',
    'price',
    'sum',
    'revenue',
    '金额',
    '实收',
    '实收金额',
    '实付',
    '实付金额',
    '消费金额',
    '总额',
    '合计',
    '销售额',
  ],
  items: ['items', 'qty', 'quantity', 'units', 'count', 'cds', '数量', '件数', '商品数量'],
  discount: ['discount', 'discountamount', 'moneyoff', '优惠', '折扣', '优惠金额', '折扣金额', '减免'],
  promotion: ['promotion', 'promo', 'onpromotion', 'sale', '促销', '活动', '是否促销'],
  payment: ['payment', 'paymentmethod', 'paidby', 'pay', 'method', '支付方式', '付款方式', '支付', '收款方式'],
  staff: ['staff', 'staffmember', 'cashier', 'seller', 'salesperson', 'employee', '店员', '员工', '收银员', '导购', '销售员'],
  note: ['note', 'notes', 'remark', 'remarks', 'comment', '备注', '说明'],
};

/** A product file's headers (its "name" is the product's, not a customer's). */
const PRODUCT_SYNONYMS: Record<ProductField, string[]> = {
  name: [
    'name',
    'product',
    'productname',
    'item',
    'itemname',
    'goods',
    '商品',
    '商品名',
    '商品名称',
    '品名',
    '名称',
    '货品名称',
    '产品名称',
  ],
  category: ['category', 'type', 'group', 'department', '类别', '分类', '品类', '类目', '商品分类', '大类'],
  price: ['price', 'unitprice', 'retailprice', 'saleprice', '价格', '单价', '售价', '零售价', '销售价'],
  barcode: ['barcode', 'ean', 'upc', 'gtin', '条码', '条形码', '商品条码', '国际条码'],
  sku: ['sku', 'code', 'itemcode', 'productcode', 'article', '货号', '编码', '商品编码', '编号', '自编码'],
};

export function fieldsFor(kind: ImportKind): readonly string[] {
  return kind === 'customers' ? CUSTOMER_FIELDS : kind === 'sales' ? SALE_FIELDS : PRODUCT_FIELDS;
}

function synonymsOf(kind: ImportKind, field: string): string[] {
  return kind === 'products' ? PRODUCT_SYNONYMS[field as ProductField] : SYNONYMS[field as CustomerField | SaleField];
}

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-./()（）:：#]/g, '');

/** Guesses header -> field; a header equal to a field name always maps to it. Each field is used once. */
export function guessMapping(kind: ImportKind, headers: string[]): Mapping {
  const fields = fieldsFor(kind);
  const used = new Set<string>();
  const out: Mapping = {};
  // Exact field names first, then synonyms in the order the fields are listed.
  for (const h of headers) {
    const f = fields.find((x) => x === h.trim());
    if (f && !used.has(f)) {
      out[h] = f;
      used.add(f);
    }
  }
  for (const h of headers) {
    if (out[h]) continue;
    const n = norm(h);
    const f = fields.find((x) => !used.has(x) && (norm(x) === n || synonymsOf(kind, x).includes(n)));
    if (f) {
      out[h] = f;
      used.add(f);
    } else out[h] = '';
  }
  return out;
}

/** The key under which a mapping is remembered: the kind and the file's columns. */
export function sourceKey(kind: ImportKind, headers: string[]): string {
  return createHash('sha256')
    .update(kind + '\u0000' + headers.join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

/** Applies --map "column=field,..." over a guessed mapping; unknown columns or fields are errors. */
export function applyMapOverrides(
  kind: ImportKind,
  headers: string[],
  base: Mapping,
  overrides: Mapping,
): { mapping: Mapping; errors: string[] } {
  const fields = fieldsFor(kind);
  const mapping = { ...base };
  const errors: string[] = [];
  for (const [col, field] of Object.entries(overrides)) {
    if (!headers.includes(col)) errors.push(`column "${col}" is not in the file`);
    else if (field !== '' && !fields.includes(field)) errors.push(`"${field}" is not a ${kind} field`);
    else {
      for (const [c, f] of Object.entries(mapping)) if (f === field && c !== col) mapping[c] = '';
      mapping[col] = field;
    }
  }
  return { mapping, errors };
}
