// Who is logged in to the back office. Its own keys, on its own origin: logging in or out here
// never touches the shopper's session (the storefront keeps `token`/`user_id`/`username`).
import type { AdminSession } from '@meiduo/contract/admin-users';
import { reactive } from 'vue';

const KEYS = { token: 'meiduo_admin.token', id: 'meiduo_admin.id', username: 'meiduo_admin.username' } as const;

export const session = reactive({
  token: localStorage.getItem(KEYS.token),
  id: localStorage.getItem(KEYS.id),
  username: localStorage.getItem(KEYS.username),
});

export function saveSession(login: AdminSession): void {
  localStorage.setItem(KEYS.token, login.token);
  localStorage.setItem(KEYS.id, String(login.id));
  localStorage.setItem(KEYS.username, login.username);
  reloadSession();
}

/** Logs out of the back office: only its own keys go. */
export function clearSession(): void {
  for (const key of Object.values(KEYS)) localStorage.removeItem(key);
  reloadSession();
}

/** Re-read the keys, e.g. after another tab logged in or out. */
export function reloadSession(): void {
  session.token = localStorage.getItem(KEYS.token);
  session.id = localStorage.getItem(KEYS.id);
  session.username = localStorage.getItem(KEYS.username);
}
