import { useT } from '../app/i18n';
import type { Loaded } from '../api/useCall';
import { errorText } from './errors';

/**
 * The state of data loaded for a screen's filters: why it failed, "Loading…" before the first
 * answer, "Updating…" while an older answer stays on screen for newer filters.
 */
export function LoadStatus({ state }: { state: Pick<Loaded<unknown>, 'data' | 'error' | 'loading'> }) {
  const { t } = useT();
  if (state.error)
    return (
      <p role="alert" className="form-error">
        {errorText(t, state.error)}
      </p>
    );
  if (!state.loading) return null;
  return (
    <p role="status" className="muted">
      {t(state.data === undefined ? 'common.loading' : 'common.updating')}
    </p>
  );
}
