// `npm run server`: the API alone (WEB_CONCURRENCY processes of it). With REDIS_URL, tasks go to
// `npm run worker`.
import { clustered } from './cluster.js';
import { run } from './process.js';

await clustered(() => run({ api: true, web: false }));
