// Runtime configuration of the back office, loaded by index.html before the app bundle.
// This copy is the development default (vite dev); the server that serves admin/dist answers
// /config.js itself with the API URL it was configured with.
window.MEIDUO_CONFIG = {
  apiUrl: "http://127.0.0.1:8000",
};
