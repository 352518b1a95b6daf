import type { share as en } from '../en/share';

export const share: Record<keyof typeof en, string> = {
  'nav.menu': '菜单',
};
