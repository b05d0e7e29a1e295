// What the logged-in administrator may do (GET /meiduo_admin/me/): menus and buttons follow it;
// the API still refuses what it does not allow.
import type { AdminMe, PermissionCode } from '@meiduo/contract/admin-permissions';
import { ref } from 'vue';
import { me } from './api/account';

export const administrator = ref<AdminMe | null>(null);

export async function loadAdministrator(): Promise<AdminMe> {
  administrator.value = await me();
  return administrator.value;
}

export function forgetAdministrator(): void {
  administrator.value = null;
}

export function can(permission: PermissionCode | undefined): boolean {
  const who = administrator.value;
  if (!permission) return true;
  if (!who) return false;
  return who.is_superuser || who.permissions.includes(permission);
}
