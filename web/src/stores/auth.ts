import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

/**
 * Where the shop keeps who is logged in. The rules are the contract's (§1.3), because the
 * other pages of the shop, and QQ login, read and write the same keys:
 * - reading: sessionStorage first, then localStorage, key by key;
 * - login with "记住登录": localStorage, without it: sessionStorage, the other store cleared;
 * - registration: localStorage, after clearing both;
 * - logout: both cleared, nothing sent to the server (there is no logout endpoint).
 */

export interface Credentials {
  token: string;
  user_id: number | string;
  username: string;
}

function read(key: 'token' | 'user_id' | 'username'): string | null {
  return sessionStorage.getItem(key) || localStorage.getItem(key) || null;
}

function write(storage: Storage, credentials: Credentials): void {
  storage.setItem('token', credentials.token);
  storage.setItem('user_id', String(credentials.user_id));
  storage.setItem('username', credentials.username);
}

// Both stores are wiped entirely, as the original pages did, so nothing a previous user
// left behind survives a change of account.
function clearBoth(): void {
  sessionStorage.clear();
  localStorage.clear();
}

export const useAuthStore = defineStore('auth', () => {
  const token = ref(read('token'));
  const userId = ref(read('user_id'));
  const username = ref(read('username'));

  /** The contract's test for "logged in": a username or user id is stored. */
  const isLoggedIn = computed(() => Boolean(username.value || userId.value));

  /** Re-read the stores, e.g. after another tab logged in or out. */
  function reload(): void {
    token.value = read('token');
    userId.value = read('user_id');
    username.value = read('username');
  }

  function saveLogin(credentials: Credentials, remember: boolean): void {
    clearBoth();
    write(remember ? localStorage : sessionStorage, credentials);
    reload();
  }

  function saveRegistration(credentials: Credentials): void {
    clearBoth();
    write(localStorage, credentials);
    reload();
  }

  function logout(): void {
    clearBoth();
    reload();
  }

  return { token, userId, username, isLoggedIn, reload, saveLogin, saveRegistration, logout };
});
