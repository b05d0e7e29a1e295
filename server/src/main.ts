// `npm run server`: the API alone (WEB_CONCURRENCY processes of it). With REDIS_URL, tasks go to
// `npm run worker`.
import { clustered } from './cluster.js';

// The application is loaded only where it runs: a primary of WEB_CONCURRENCY processes, or a
// bad variable, never needs it.
await clustered(async () => {
  const { run } = await import('./process.js');
  await run({ api: true, web: false });
});
