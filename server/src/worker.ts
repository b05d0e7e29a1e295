// `npm run worker`: BullMQ consumers for every task (Celery's role). Needs REDIS_URL.
import { run } from './process.js';

await run({ api: false, web: false, worker: true });
