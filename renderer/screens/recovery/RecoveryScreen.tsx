import { useState } from 'react';
import type { z } from 'zod';
import type { BackupPreview } from '../../../shared/schemas/data';
import type { ApiClient } from '../../api/client';
import { useApi } from '../../api/context';
import { useLatest } from '../../api/useCall';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { useFormat } from '../../app/format';
import { errorText } from '../../components/errors';

type Preview = z.infer<typeof BackupPreview> & { name: string };

/** The backup folder and its newest backup that opens as a working shop (null: none does). */
async function newestUsable(api: ApiClient): Promise<{ dir: string; best: Preview | null }> {
  const list = await api.call('backups.list');
  for (const b of list.backups) {
    const name = b.file.split(/[/\\]/).pop()!;
    const p = await api.call('backups.preview', { name });
    if (p.ok) return { dir: list.dir, best: { ...p, name } };
  }
  return { dir: list.dir, best: null };
}

/** Shown instead of the app when the start-up integrity check found the database damaged. */
export function RecoveryScreen() {
  const { t } = useT();
  const f = useFormat();
  const api = useApi();
  const { refresh } = useShop();
  const found = useLatest(() => newestUsable(api), 'recovery newestUsable');
  const dir = found.data?.dir ?? '';
  // undefined: still looking
  const best = found.data?.best;
  const [message, setMessage] = useState('');
  const [restoreError, setRestoreError] = useState<unknown>(null);
  const error = restoreError ?? found.error;

  const restore = async () => {
    if (!best) return;
    try {
      const r = await api.call('backups.restore', { name: best.name });
      setMessage(t('recovery.restored', { file: r.safetyCopy.file }));
      await refresh();
    } catch (e) {
      setRestoreError(e);
    }
  };

  return (
    <main className="welcome recovery">
      <h1>{t('recovery.title')}</h1>
      <p className="lead">{t('recovery.lead')}</p>
      {best === undefined ? <p>{t('recovery.checking')}</p> : null}
      {best === null ? <p role="alert">{t('recovery.none', { dir })}</p> : null}
      {best ? (
        <>
          <p>
            {t('recovery.latest', {
              date: best.takenAt ? f.dateTime(best.takenAt) : '',
              customers: f.number(best.customers),
              sales: f.number(best.sales),
            })}
          </p>
          <button type="button" className="primary" onClick={() => void restore()}>
            {t('recovery.restore')}
          </button>
        </>
      ) : null}
      <p role="status">{message}</p>
      {error ? <p role="alert">{errorText(t, error)}</p> : null}
    </main>
  );
}
