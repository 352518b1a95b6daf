import { useState } from 'react';
import type { z } from 'zod';
import type { BackupPreview } from '../../../shared/schemas/data';
import type { BaseKey } from '../../../shared/i18n';
import { useApi } from '../../api/context';
import { useCall } from '../../api/useCall';
import { ApiError } from '../../api/client';
import { useT } from '../../app/i18n';
import { useShop } from '../../app/shop';
import { useFormat } from '../../app/format';
import { TextField } from '../../components/Field';
import { errorText, fieldError } from '../../components/errors';

const baseName = (file: string) => file.split(/[/\\]/).pop() ?? file;
const KNOWN_REASONS = new Set([
  'daily',
  'manual',
  'before-import',
  'before-restore',
  'before-migration',
  'before-erase',
  'damaged',
]);

/** Backups: where they go, take one now, and restore any of them after a preview. */
export function BackupsPanel() {
  const { t, locale } = useT();
  const f = useFormat();
  const api = useApi();
  const { status, refresh } = useShop();
  const backups = useCall('backups.list', {});
  const list = backups.data ?? null;
  const [folder, setFolder] = useState(status.settings.backupDir ?? '');
  const [chosen, setChosen] = useState<(z.infer<typeof BackupPreview> & { name: string; takenAt: number | null }) | null>(null);
  const [message, setMessage] = useState('');
  const [stepError, setError] = useState<unknown>(null);
  const error = stepError ?? backups.error;

  const act = async (fn: () => Promise<void>) => {
    setError(null);
    setMessage('');
    try {
      await fn();
    } catch (e) {
      setError(e);
    }
  };
  const reason = (r: string) => (KNOWN_REASONS.has(r) ? t(`data.backups.reason.${r}` as BaseKey) : r);
  const size = new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });

  return (
    <section className="panel" aria-labelledby="backups-h">
      <h2 id="backups-h">{t('data.backups.title')}</h2>
      <form
        className="row inline-add"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            await api.call('settings.update', { backupDir: folder.trim() || null });
            await refresh();
            const l = await api.call('backups.list');
            backups.set(l);
            setMessage(t('data.backups.folderSaved', { dir: l.dir }));
          });
        }}
      >
        <TextField
          label={t('data.backups.folder')}
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
          hint={t('data.backups.folderHint')}
          error={fieldError(t, error, 'backupDir')}
        />
        <button type="submit">{t('data.backups.saveFolder')}</button>
      </form>
      {list ? <p className="muted">{t('data.backups.where', { dir: list.dir })}</p> : null}
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            void act(async () => {
              const b = await api.call('backups.create');
              setMessage(t('data.backups.taken', { file: b.file }));
              backups.reload();
            })
          }
        >
          {t('data.backups.now')}
        </button>
      </div>
      <p className="hint">{t('data.backups.rotation')}</p>
      {list && list.backups.length === 0 ? <p className="muted">{t('data.backups.none')}</p> : null}
      {list && list.backups.length ? (
        <table aria-labelledby="backups-h">
          <thead>
            <tr>
              <th scope="col">{t('data.backups.when')}</th>
              <th scope="col">{t('data.backups.why')}</th>
              <th scope="col" className="num">
                {t('data.backups.size')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('data.backups.restore')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.backups.map((b) => (
              <tr key={b.file}>
                <td>{f.dateTime(b.takenAt)}</td>
                <td>{reason(b.reason)}</td>
                <td className="num">{size.format(b.bytes / 1e6)}</td>
                <td>
                  <button
                    type="button"
                    className="secondary small"
                    aria-label={t('data.backups.restoreNamed', { date: f.dateTime(b.takenAt) })}
                    onClick={() =>
                      void act(async () => {
                        const p = await api.call('backups.preview', { name: baseName(b.file) });
                        setChosen({ ...p, name: baseName(b.file), takenAt: b.takenAt });
                      })
                    }
                  >
                    {t('data.backups.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {chosen ? (
        <div
          className="confirm"
          role="group"
          aria-label={t('data.backups.restoreNamed', { date: chosen.takenAt ? f.dateTime(chosen.takenAt) : '' })}
        >
          {chosen.ok ? (
            <>
              <p>
                {t('data.backups.preview', {
                  date: chosen.takenAt ? f.dateTime(chosen.takenAt) : '',
                  customers: f.number(chosen.customers),
                  sales: f.number(chosen.sales),
                })}
              </p>
              <button
                type="button"
                className="danger"
                onClick={() =>
                  void act(async () => {
                    let r;
                    try {
                      r = await api.call('backups.restore', { name: chosen.name });
                    } catch (e) {
                      // It could not become a working shop: say so here; the shop is as it was.
                      if (e instanceof ApiError && e.detail.reason === 'backup_unusable')
                        return setChosen({ ...chosen, ok: false });
                      throw e;
                    }
                    setChosen(null);
                    await refresh();
                    backups.reload();
                    setMessage(
                      t('data.backups.restored', {
                        date: chosen.takenAt ? f.dateTime(chosen.takenAt) : '',
                        file: r.safetyCopy.file,
                      }),
                    );
                  })
                }
              >
                {t('data.backups.confirm')}
              </button>{' '}
              <button type="button" className="secondary" onClick={() => setChosen(null)}>
                {t('common.cancel')}
              </button>
            </>
          ) : (
            <p role="alert">{t('data.backups.unusable')}</p>
          )}
        </div>
      ) : null}
      <p role="status" className="status-line">
        {message}
      </p>
      {error && !fieldError(t, error, 'backupDir') ? (
        <p role="alert" className="form-error">
          {errorText(t, error)}
        </p>
      ) : null}
    </section>
  );
}
