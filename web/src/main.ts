import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { setUnauthorizedHandler } from './api';
import { loginRedirect, router } from './router';
import { useAuthStore } from './stores/auth';
import './styles/base.css';

const app = createApp(App);
// Pinia first: the router's guard reads the auth store.
app.use(createPinia());
app.use(router);

// Logging in or out in another tab changes localStorage; follow it so the header does
// not show a stale user.
const auth = useAuthStore();
window.addEventListener('storage', () => auth.reload());

// A token the API no longer accepts (expired, revoked by a password change): forget it, so
// the header no longer shows a stale login, and ask for a new one, coming back here after.
setUnauthorizedHandler(() => {
  auth.logout();
  const current = router.currentRoute.value;
  if (current.path !== '/login.html') void router.replace(loginRedirect(current));
});

app.mount('#app');
