// `npm start`: the whole mall in one process: migrations, API, storefront, task runner.
import { run } from './process.js';

await run({ api: true, web: true });
