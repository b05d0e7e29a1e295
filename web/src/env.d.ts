/// <reference types="vite/client" />

// vue-tsc type-checks .vue files itself; this shim only serves tools that see plain TS.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}

/** Set by /config.js (see web/public/config.js) before the app bundle runs. */
interface MeiduoConfig {
  apiUrl?: string;
}

interface Window {
  MEIDUO_CONFIG?: MeiduoConfig;
}
