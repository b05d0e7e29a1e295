// The add/edit dialog and the delete step of a back office list: one form (useForm) that
// creates or replaces a row, and a delete that asks first and shows the API's refusal.
import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import { confirmed } from '../confirm';
import { tellFailure } from '../notify';
import { useForm } from './form';

/** What a list composable (usePagedList) gives, its refs unwrapped (`reactive(usePagedList(...))`). */
export interface ListState<Row = unknown> {
  rows: Row[];
  count: number;
  page: number;
  loading: boolean;
  failed: string;
  load(): Promise<void>;
  reload(): Promise<void>;
  turn(to: number): Promise<void>;
}

export interface EditorOptions<Draft extends object, Row> {
  /** What the rows are, for the messages: 频道, 用户组... */
  what: string;
  blank: () => Draft;
  /** The draft of a row being edited. */
  fromRow: (row: Row) => Partial<Draft>;
  /** The contract's rules: a message per failing field (`editing` undefined on a create). */
  check: (draft: Draft, editing: number | undefined) => Partial<Record<keyof Draft & string, string | undefined>>;
  send: (draft: Draft, editing: number | undefined) => Promise<unknown>;
  /** Called as the dialog opens: the row edited, or none for a new one (e.g. to load its pickers). */
  opened?: (row?: Row) => void;
  /** After a save: the list again. */
  saved: () => Promise<void>;
}

export function useEditor<Draft extends object, Row extends { id: number }>(options: EditorOptions<Draft, Row>) {
  const form = useForm(options.blank);
  const open = ref(false);
  /** The id of the row in the dialog; undefined while adding one. */
  const editing = ref<number>();

  function add(): void {
    form.reset();
    editing.value = undefined;
    open.value = true;
    options.opened?.();
  }

  function edit(row: Row): void {
    form.reset(options.fromRow(row));
    editing.value = row.id;
    open.value = true;
    options.opened?.(row);
  }

  function close(): void {
    open.value = false;
  }

  async function save(): Promise<void> {
    const id = editing.value;
    const saved = await form.submit(
      (draft) => options.check(draft, id),
      (draft) => options.send(draft, id),
    );
    if (!saved) return;
    close();
    ElMessage.success(id === undefined ? `已添加${options.what}` : `已保存${options.what}`);
    await options.saved();
  }

  return { ...form, what: options.what, open, editing, add, edit, close, save };
}

/**
 * Deletes a row once the administrator confirmed `message`; a refusal (a group still used, a
 * built-in permission) is shown as the API says it. The list stays on its page, or goes back one
 * when its last row went (the API answers 404 for a page past the end).
 */
export async function removeRow(list: ListState, message: string, remove: () => Promise<void>): Promise<void> {
  if (!(await confirmed(message, '删除'))) return;
  try {
    await remove();
  } catch (error) {
    tellFailure(error, '删除失败，请稍后重试');
    return;
  }
  ElMessage.success('已删除');
  await (list.rows.length === 1 && list.page > 1 ? list.turn(list.page - 1) : list.load());
}
