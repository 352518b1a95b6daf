import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { DeviceMe } from '../../shared/schemas/sharing';
import { ApiError } from '../api/client';
import { useApi } from '../api/context';
import { onSessionLoss } from '../api/device';
import { forgetAnswers } from '../api/useCall';
import { errorText } from '../components/errors';
import { PairScreen } from '../screens/device/PairScreen';
import { SignInScreen } from '../screens/device/SignInScreen';
import { useT } from './i18n';
import { DeviceContext, deviceName, useDevice } from './session';

type Step =
  | { step: 'checking' }
  | { step: 'failed'; error: unknown }
  | { step: 'pair'; revoked: boolean }
  | { step: 'signIn'; me: DeviceMe; signedOut: boolean }
  | { step: 'in'; me: DeviceMe }
  /** the main till with no PIN asked: the owner's window as before */
  | { step: 'owner' };

/**
 * Another device on the shop's network (issue 18), or the main till when the owner asked for a PIN
 * on it too (the main till itself answers device.me with FORBIDDEN not_a_device otherwise): pair first, then a staff member signs in with
 * their PIN, then the app as their role allows. A revoked device or a signed-out person is sent
 * back at their next call, or when the page comes back into view.
 */
export function DeviceGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const { t } = useT();
  const [state, setState] = useState<Step>({ step: 'checking' });
  const stepRef = useRef(state.step);
  useEffect(() => {
    stepRef.current = state.step;
  });
  // what one person was shown is not shown to the next (the screens' remembered answers)
  const who = state.step === 'in' ? `in ${state.me.staff?.id ?? ''}` : state.step;
  useEffect(() => forgetAnswers(), [who]);

  const check = useCallback(
    async (signedOut = false) => {
      try {
        const me = await api.call('device.me');
        setState(me.staff ? { step: 'in', me } : { step: 'signIn', me, signedOut });
      } catch (e) {
        if (e instanceof ApiError && e.code === 'FORBIDDEN' && e.detail.reason === 'not_a_device') setState({ step: 'owner' });
        else if (e instanceof ApiError && e.code === 'UNAUTHORIZED')
          setState({ step: 'pair', revoked: stepRef.current === 'in' || stepRef.current === 'signIn' });
        else setState({ step: 'failed', error: e });
      }
    },
    [api],
  );
  useEffect(() => {
    void check();
  }, [check]);
  useEffect(
    () =>
      onSessionLoss((why) => {
        if (stepRef.current === 'owner' && why === 'signedOut') return void check(true);
        if (stepRef.current !== 'in' && stepRef.current !== 'signIn') return;
        if (why === 'unpaired') setState({ step: 'pair', revoked: true });
        else void check(true);
      }),
    [check],
  );
  useEffect(() => {
    const on = () => {
      if (document.visibilityState === 'visible' && stepRef.current === 'in') void check(true);
    };
    document.addEventListener('visibilitychange', on);
    return () => document.removeEventListener('visibilitychange', on);
  }, [check]);

  const signOut = useCallback(async () => {
    const me = await api.call('device.signOut');
    setState({ step: 'signIn', me, signedOut: false });
  }, [api]);

  switch (state.step) {
    case 'checking':
      return <p className="boot-loading">{t('common.loading')}</p>;
    case 'failed':
      return (
        <p role="alert" className="boot-error">
          {errorText(t, state.error)}
        </p>
      );
    case 'pair':
      return <PairScreen revoked={state.revoked} onPaired={(me) => setState({ step: 'signIn', me, signedOut: false })} />;
    case 'signIn':
      return <SignInScreen me={state.me} signedOut={state.signedOut} onSignedIn={(me) => setState({ step: 'in', me })} />;
    case 'owner':
      return <>{children}</>;
    case 'in':
      return (
        <DeviceContext.Provider value={{ me: state.me, signOut }} key={state.me.staff?.id}>
          {children}
        </DeviceContext.Provider>
      );
  }
}

/** In the navigation of a signed-in device: who is at this till, and signing out. */
export function SessionItem() {
  const { t } = useT();
  const device = useDevice();
  if (!device?.me.staff) return null;
  return (
    <li className="session-item">
      <span className="session-who">{t('session.who', { staff: device.me.staff.name, device: deviceName(t, device.me) })}</span>
      <button type="button" className="secondary small" onClick={() => void device.signOut()}>
        {t('session.signOut')}
      </button>
    </li>
  );
}
