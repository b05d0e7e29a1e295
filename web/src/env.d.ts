/// <reference types="vite/client" />

// vue-tsc type-checks .vue files itself; this shim only serves tools that see plain TS.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}

// Window.MEIDUO_CONFIG (set by /config.js) is declared with the API client in @meiduo/client/http.
