/// <reference types="vite/client" />

// Window.MEIDUO_CONFIG (set by /config.js) is declared with the API client in @meiduo/client/http.
