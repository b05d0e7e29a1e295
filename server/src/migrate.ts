// `npm run migrate`: applies the SQL migrations to DATABASE_URL (or the embedded database).
import { run } from './process.js';

await run({ api: false, web: false, migrateOnly: true });
