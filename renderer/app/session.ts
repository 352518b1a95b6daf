import { createContext, useContext } from 'react';
import type { DeviceMe, StaffRole } from '../../shared/schemas/sharing';
import type { T } from './i18n';

/** A paired device on the shop's network and who is signed in on it (issue 18). */
export interface DeviceSession {
  me: DeviceMe;
  signOut(): Promise<void>;
}
export const DeviceContext = createContext<DeviceSession | null>(null);

/** The paired device and who is signed in on it; null on the main till (loopback or the window). */
export function useDevice(): DeviceSession | null {
  return useContext(DeviceContext);
}

/** What the person at this screen may do: the main till is the owner's; a device has its staff's role. */
export function useRole(): StaffRole {
  return useDevice()?.me.staff?.role ?? 'owner';
}

/** A paired device's own name; the main till's window (id 0) in the UI's language. */
export function deviceName(t: T, me: DeviceMe): string {
  return me.device.id === 0 ? t('session.mainTill') : me.device.name;
}
