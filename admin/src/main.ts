import { createApp } from 'vue';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { setUnauthorizedHandler } from './http';
import { forgetAdministrator } from './permissions';
import { LOGIN_PATH, loginRedirect, router } from './router';
import { clearSession, reloadSession, session } from './session';
import './styles.css';

const app = createApp(App);
app.use(ElementPlus, { locale: zhCn });
app.use(router);

// Logging in or out in another tab of the back office changes its keys: follow it.
window.addEventListener('storage', () => {
  const before = session.token;
  reloadSession();
  if (session.token !== before) forgetAdministrator();
});

// A token the API no longer accepts (expired, the account no longer staff): forget it and ask
// for a new login, coming back here after.
setUnauthorizedHandler(() => {
  clearSession();
  forgetAdministrator();
  const current = router.currentRoute.value;
  if (current.path !== LOGIN_PATH) void router.replace(loginRedirect(current));
});

app.mount('#app');
