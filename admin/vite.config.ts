import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { precompress } from '../client/vite/precompress';

// The dev server listens on 127.0.0.1:8081, the back office's origin on the API's CORS
// allow-list; the built app in dist/ is served by the project's server (ADMIN_PORT).
export default defineConfig({
  plugins: [vue(), precompress()],
  server: { host: '127.0.0.1', port: 8081 },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
