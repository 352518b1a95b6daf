import { useCallback, useEffect, useRef, useState } from 'react';
import type { Input, Method, Out } from '../../shared/api/contract';
import { useApi } from './context';

/** What a screen knows about data it loads for its filters. */
export interface Loaded<T> {
  /** the answer for the current filters, or the last one while a newer one is on its way */
  data: T | undefined;
  /** why the request for the current filters failed */
  error: unknown;
  /** a request for the current filters (or a reload) has not been answered yet */
  loading: boolean;
  /** `data` answers older filters (or is being reloaded): show it marked as updating */
  stale: boolean;
  /** asks again for the same filters (after a change the screen made itself) */
  reload(): void;
  /** puts an answer the screen already has (e.g. the reply to a step) in place of the data */
  set(data: T): void;
}

interface Answer<T> {
  key: string;
  round: number;
  data: T | undefined;
  error: unknown;
}

/**
 * The last answer to each question (method and filters) this window was given, so a screen opened
 * again shows it at once, marked as updating, while the new answer is on its way
 * (stale-while-revalidate across screens, not only within one). A few questions only, the most
 * recently answered kept; forgotten whenever who is at the screen changes (forgetAnswers).
 */
const remembered = new Map<string, unknown>();
export const REMEMBERED_ANSWERS = 16;
function remember(key: string, data: unknown): void {
  remembered.delete(key);
  remembered.set(key, data);
  while (remembered.size > REMEMBERED_ANSWERS) remembered.delete(remembered.keys().next().value!);
}
/** Someone signed in, out or was sent back to pairing: nothing they were shown stays in memory. */
export function forgetAnswers(): void {
  remembered.clear();
}

/**
 * Loads data for a screen's filters so that the newest request always wins: each request is
 * numbered, and an answer that arrives after a newer request was made is dropped, however the
 * server orders its replies. `key` names the question and its filters (requests are made again
 * only when it changes; answers are remembered by it across screens, so it starts with the method
 * or what is loaded); `load` may change identity on every render. A null `load` asks nothing.
 */
export function useLatest<T>(load: (() => Promise<T>) | null, key: string): Loaded<T> {
  const [answer, setAnswer] = useState<Answer<T>>({ key: '', round: -1, data: undefined, error: undefined });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const enabled = load !== null;

  useEffect(() => {
    const run = loadRef.current;
    if (!enabled || !run) return;
    const mine = ++latest.current;
    run().then(
      (data) => {
        if (mine !== latest.current) return;
        remember(key, data);
        setAnswer({ key, round, data, error: undefined });
      },
      (error: unknown) => {
        if (mine === latest.current) setAnswer((a) => ({ key, round, data: a.data, error }));
      },
    );
  }, [key, round, enabled]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const set = useCallback((data: T) => setAnswer((a) => ({ ...a, data, error: undefined })), []);
  const current = answer.key === key && answer.round === round;
  const loading = enabled && !current;
  // until this screen's own answer comes: the last one to the same question, else the last it had
  const data = answer.key === key ? answer.data : ((remembered.get(key) as T | undefined) ?? answer.data);
  return {
    data,
    error: current ? answer.error : undefined,
    loading,
    stale: loading && data !== undefined,
    reload,
    set,
  };
}

/** `useLatest` for one API method: `input` is the screen's filters (null: ask nothing yet). */
export function useCall<M extends Method>(method: M, input: Input<M> | null): Loaded<Out<M>> {
  const api = useApi();
  return useLatest<Out<M>>(input === null ? null : () => api.call(method, input), `${method} ${JSON.stringify(input)}`);
}
