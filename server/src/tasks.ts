// The task catalogue: every queue task of every module, with its payload type.
import type { TaskHandlers } from './infra/queue/index.js';
import type { Context } from './context.js';
import { verificationTaskHandlers, type VerificationTasks } from './modules/verifications/tasks.js';

export type MallTasks = VerificationTasks;

export function taskHandlers(context: Context): TaskHandlers<MallTasks> {
  return { ...verificationTaskHandlers(context) };
}
