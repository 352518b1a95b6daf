import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ImportJob, ImportRequest } from '../../../shared/schemas/import';
import { useApi } from '../../api/context';
import { useShop } from '../../app/shop';

export type Job = z.infer<typeof ImportJob>;
const POLL_MS = 300;

/**
 * Starts an import (or a dry run) in the core's worker and follows it every 300 ms until it is
 * done, failed or cancelled. A committed import refreshes the shop's counts.
 */
export function useImportJob() {
  const api = useApi();
  const { refresh } = useShop();
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<number | undefined>(undefined);
  const stop = () => window.clearInterval(timer.current);
  useEffect(() => stop, []);

  const start = useCallback(
    async (request: z.input<typeof ImportRequest>) => {
      stop();
      setError(null);
      setJob(null);
      try {
        const first = await api.call('import.start', request);
        setJob(first);
        let busy = false;
        timer.current = window.setInterval(() => {
          if (busy) return;
          busy = true;
          api
            .call('import.status', { id: first.id })
            .then(async (j) => {
              setJob(j);
              if (j.state === 'running') return;
              stop();
              if (j.state === 'done' && j.result?.committed) await refresh();
            })
            .catch((e: unknown) => {
              stop();
              setError(e);
            })
            .finally(() => {
              busy = false;
            });
        }, POLL_MS);
      } catch (e) {
        setError(e);
      }
    },
    [api, refresh],
  );

  const cancel = useCallback(async () => {
    if (!job) return;
    try {
      setJob(await api.call('import.cancel', { id: job.id }));
    } catch (e) {
      setError(e);
    }
  }, [api, job]);

  const reset = useCallback(() => {
    stop();
    setJob(null);
    setError(null);
  }, []);

  return { job, error, start, cancel, reset };
}
