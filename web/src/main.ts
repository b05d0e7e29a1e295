import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router } from './router';
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

app.mount('#app');
