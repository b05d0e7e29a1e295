// `npm run server`: the API alone. With REDIS_URL, tasks go to `npm run worker`.
import { run } from './process.js';

await run({ api: true, web: false });
