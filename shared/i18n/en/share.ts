/** Issue 18: sharing the shop on its own network — the phone menu, Settings → Other devices, pairing and staff sign-in. */
export const share = {
  'nav.menu': 'Menu',
};
