// The task catalogue: every queue task of every module (schema, handler, options), declared in
// the module's tasks.ts with defineTask. The queue drivers get this catalogue; the worker (or,
// in embedded mode, the one process) consumes with the deps below.
import type { Context } from './context.js';
import { openQueue, type OpenQueueOptions, type TaskQueue } from './infra/queue/index.js';
import { goodsTasks } from './modules/goods/tasks.js';
import { orderTasks } from './modules/orders/tasks.js';
import { userTasks } from './modules/users/tasks.js';
import { verificationTasks } from './modules/verifications/tasks.js';
import type { Services } from './services.js';

/** What every task handler may use. */
export interface TaskDeps {
  context: Context;
  services: Services;
}

export const taskCatalogue = { ...verificationTasks, ...goodsTasks, ...userTasks, ...orderTasks };

export type MallTasks = typeof taskCatalogue;

declare module './context.js' {
  interface MallQueueTypes {
    queue: TaskQueue<MallTasks, TaskDeps>;
  }
}

/** Opens the mall's queue on this catalogue: what process.ts, the seed and the tests give createContext. */
export const openTaskQueue = (options: OpenQueueOptions) => openQueue<MallTasks, TaskDeps>(taskCatalogue, options);
