// Destructive actions ask first.
import { ElMessageBox } from 'element-plus';

/** Whether the administrator confirmed `message` (closing or 取消 is a no). */
export async function confirmed(message: string, action = '确定'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, '请确认', { type: 'warning', confirmButtonText: action, cancelButtonText: '取消' });
    return true;
  } catch {
    return false;
  }
}
