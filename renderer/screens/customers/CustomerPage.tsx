import { useState } from 'react';
import type { Customer } from '../../../shared/schemas/customer';
import { ApiError } from '../../api/client';
import { useT } from '../../app/i18n';
import { href } from '../../app/router';
import { useRole } from '../../app/session';
import { errorText } from '../../components/errors';
import { ConsentSection } from './ConsentSection';
import { CustomerDetails, CustomerTotals } from './CustomerFacts';
import { EditCustomerForm } from './EditCustomerForm';
import { MergeSection } from './MergeSection';
import { PurchaseTimeline } from './PurchaseTimeline';
import { PrivacySection } from './PrivacySection';
import { CustomerStatus } from '../../components/CustomerStatus';
import { CareActions } from '../care/CareActions';
import { NotesSection, TagsSection } from './TagsNotes';
import { useCustomerPage } from './useCustomerPage';

/** Everything about one customer: who they are, what they bought, how they may be contacted. */
export function CustomerPage({ id }: { id: number }) {
  // A fresh page per customer: an open edit form or a status line never carries over to the next one.
  return <CustomerView key={id} id={id} />;
}

function CustomerView({ id }: { id: number }) {
  const { t } = useT();
  const owner = useRole() === 'owner';
  const page = useCustomerPage(id);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState('');
  // Bumped when the record changes underneath the tag and note boxes (a merge), so they start afresh.
  const [version, setVersion] = useState(0);
  const c = page.customer;

  const back = (
    <p className="back-link no-print">
      <a href={href('/customers')}>{t('customers.back')}</a>
    </p>
  );

  if (!c) {
    const notFound = page.error instanceof ApiError && (page.error.code === 'NOT_FOUND' || page.error.code === 'VALIDATION');
    return (
      <div className="customer-page">
        {back}
        {notFound ? (
          <>
            <h1>{t('customers.notFound')}</h1>
            <p role="alert">{t('customers.notFoundHint')}</p>
          </>
        ) : page.error ? (
          <>
            <h1>{t('customers.title')}</h1>
            <p role="alert" className="form-error">
              {errorText(t, page.error)}
            </p>
            <button type="button" className="secondary" onClick={page.reload}>
              {t('common.retry')}
            </button>
          </>
        ) : (
          <p className="muted" role="status">
            {t('common.loading')}
          </p>
        )}
      </div>
    );
  }

  const updated = (next: Customer, note: string) => {
    page.setCustomer(next);
    setMessage(note);
  };

  return (
    <div className="customer-page">
      {back}
      <header className="cp-head">
        <h1>{c.name}</h1>
        {c.tags.length ? (
          <span className="cp-head-tags">
            {c.tags.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
          </span>
        ) : null}
        {!editing ? (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setEditing(true);
              setMessage('');
            }}
          >
            {t('common.edit')}
          </button>
        ) : null}
      </header>
      {editing ? (
        <EditCustomerForm
          customer={c}
          onSaved={(next) => {
            setEditing(false);
            updated(next, t('customers.saved'));
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
      <div role="status" aria-live="polite" className="status-line">
        {message}
      </div>
      <div className="cp-grid">
        <div className="cp-main">
          <CustomerStatus key={`status-${c.id}-${c.stats.salesCount}`} customerId={c.id} />
          <CareActions customerId={c.id} name={c.name} visits={c.stats.visits} />
          <div className="cp-facts">
            <CustomerDetails customer={c} />
            <CustomerTotals customer={c} />
          </div>
          <PurchaseTimeline sales={page.sales} />
        </div>
        <div className="cp-side">
          <ConsentSection
            customer={c}
            history={page.history}
            onChanged={(next, note) => {
              updated(next, note);
              page.reload();
            }}
          />
          <TagsSection key={`tags-${c.id}-${version}`} customer={c} onSaved={updated} />
          <NotesSection key={`notes-${c.id}-${version}`} customer={c} onSaved={updated} />
          {/* Merging, erasing and exporting a customer's data are the owner's (issue 18). */}
          {owner ? (
            <MergeSection
              customer={c}
              onMerged={(next, note) => {
                updated(next, note);
                setVersion((v) => v + 1);
                page.reload();
              }}
            />
          ) : null}
          {owner ? <PrivacySection customer={c} /> : null}
        </div>
      </div>
    </div>
  );
}
