import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ShopStatus } from '../../shared/schemas/settings';
import { useApi } from '../api/context';
import { ApiError } from '../api/client';

interface ShopCtx {
  status: ShopStatus;
  refresh(): Promise<void>;
}
const ShopContext = createContext<ShopCtx | null>(null);

/** Loads the shop's status (settings, staff, payment methods, counts) once and on demand. */
export function ShopProvider({ children, fallback }: { children: ReactNode; fallback: (error: ApiError | null) => ReactNode }) {
  const api = useApi();
  const [status, setStatus] = useState<ShopStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const refresh = useCallback(async () => {
    try {
      setStatus(await api.call('shop.status'));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('INTERNAL'));
    }
  }, [api]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // The start-up integrity check runs after the app is reachable: ask again until it has answered.
  const unchecked = status?.health === 'unchecked';
  useEffect(() => {
    if (!unchecked) return;
    const timer = setInterval(() => void refresh(), 1500);
    return () => clearInterval(timer);
  }, [unchecked, refresh]);
  if (!status) return <>{fallback(error)}</>;
  return <ShopContext.Provider value={{ status, refresh }}>{children}</ShopContext.Provider>;
}

export function useShop(): ShopCtx {
  const ctx = useContext(ShopContext);
  if (!ctx) throw new Error('ShopContext missing');
  return ctx;
}
