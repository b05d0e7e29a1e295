// One paged table whose rows are added and edited in a dialog and deleted after a confirmation
// (the catalogue's SPUs, specs, options and brands). The page keeps its own template; this keeps
// which row the dialog edits, the list reloaded after each write, and the API's refusals shown.
import type { AdminPage } from '@meiduo/contract/admin-users';
import { serverErrors } from '@meiduo/client/errors';
import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import { confirmed } from '../confirm';
import { useForm } from './form';
import { usePagedList } from './paged-list';

export interface Crud<Row extends { id: number }, Draft extends object> {
  fetch: (page: number) => Promise<AdminPage<Row>>;
  /** Shown above the table when the list cannot be had. */
  failedText: string;
  blank: () => Draft;
  /** The draft of an edit, from its row. */
  fromRow: (row: Row) => Partial<Draft>;
  /** The contract's rules: a message per failing field. */
  check: (draft: Draft) => Partial<Record<keyof Draft & string, string | undefined>>;
  /** Creates (no id) or replaces the row. */
  send: (id: number | undefined, draft: Draft) => Promise<unknown>;
  remove: (id: number) => Promise<void>;
  /** How the confirmation names the row, e.g. `规格“颜色”`. */
  describe: (row: Row) => string;
}

export function useCrud<Row extends { id: number }, Draft extends object>(crud: Crud<Row, Draft>) {
  const list = usePagedList(crud.fetch, crud.failedText);
  const form = useForm(crud.blank);
  /** Whether the dialog is open, and the row it edits (none: a new one). */
  const open = ref(false);
  const editing = ref<number>();

  function openAdd(): void {
    form.reset();
    editing.value = undefined;
    open.value = true;
  }

  function openEdit(row: Row): void {
    form.reset(crud.fromRow(row));
    editing.value = row.id;
    open.value = true;
  }

  /** Sends the dialog's draft; closes it and reloads the page once saved. Answers whether it was. */
  async function save(): Promise<boolean> {
    const id = editing.value;
    if (!(await form.submit(crud.check, (draft) => crud.send(id, draft)))) return false;
    open.value = false;
    ElMessage.success(id === undefined ? '添加成功' : '修改成功');
    await list.load();
    return true;
  }

  async function drop(row: Row): Promise<void> {
    if (!(await confirmed(`确定删除${crud.describe(row)}吗？`, '删除'))) return;
    try {
      await crud.remove(row.id);
    } catch (error) {
      // The API's reason (an SPU with orders, a spec SKUs use…) or a generic one.
      ElMessage.error(serverErrors(error, [], '删除失败，请稍后重试').general);
      return;
    }
    ElMessage.success('删除成功');
    await list.load();
  }

  return { ...list, ...form, open, editing, openAdd, openEdit, save, drop };
}
