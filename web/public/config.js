// Runtime configuration of the storefront, loaded by index.html before the app bundle.
// This copy is the development default (vite dev / vite preview). In production the server
// that serves web/dist answers /config.js itself with the API URL it was configured with,
// so one build works against any API origin.
window.MEIDUO_CONFIG = {
  apiUrl: "http://127.0.0.1:8000",
};
