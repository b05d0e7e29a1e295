// The task catalogue: every queue task of every module, with its payload type.
import type { Context } from './context.js';
import type { TaskHandlers } from './infra/queue/index.js';
import { goodsTaskHandlers, type GoodsTasks } from './modules/goods/tasks.js';
import { verificationTaskHandlers, type VerificationTasks } from './modules/verifications/tasks.js';
import type { Services } from './services.js';

export type MallTasks = VerificationTasks & GoodsTasks;

export function taskHandlers(context: Context, services: Services): TaskHandlers<MallTasks> {
  return { ...verificationTaskHandlers(context), ...goodsTaskHandlers(services.goods) };
}
