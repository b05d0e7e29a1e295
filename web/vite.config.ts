import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { precompress } from '../client/vite/precompress';

// The dev server listens on 127.0.0.1:8080 because that origin is on the API's CORS
// allow-list (contract §1.2); the built site in dist/ is served by the project's server.
export default defineConfig({
  plugins: [vue(), precompress()],
  server: { host: '127.0.0.1', port: 8080 },
  build: { outDir: 'dist', emptyOutDir: true },
});
