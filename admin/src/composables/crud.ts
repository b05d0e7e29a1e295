// One paged table whose rows are added and edited in a dialog and deleted after a confirmation
// (the catalogue's SPUs, specs, options and brands): the list loaded on mount and after each
// write, the form's pickers loaded for whoever may write, which row the dialog edits, the
// buttons the administrator may use, and the API's refusals shown.
import type { PermissionCode } from '@meiduo/contract/admin-permissions';
import type { AdminPage } from '@meiduo/contract/admin-users';
import { serverErrors } from '@meiduo/client/errors';
import { ElMessage } from 'element-plus';
import { computed, onMounted, reactive, ref } from 'vue';
import { confirmed } from '../confirm';
import { can } from '../permissions';
import { useForm } from './form';
import { usePagedList } from './paged-list';

export interface Crud<Row extends { id: number }, Draft extends object> {
  fetch: (page: number) => Promise<AdminPage<Row>>;
  pageSize: number;
  /** Shown above the table when the list cannot be had. */
  failedText: string;
  /** What adding, changing and deleting a row needs; buttons the administrator may not use are left out. */
  permissions: { add: PermissionCode; change: PermissionCode; remove: PermissionCode };
  /** Loads the form's pickers (after the list, only for an administrator who may add or change). */
  pickers?: () => Promise<void>;
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
  /** Called as the dialog opens: the row edited, or none for a new one. */
  opened?: (row?: Row) => void;
}

export function useCrud<Row extends { id: number }, Draft extends object>(crud: Crud<Row, Draft>) {
  const list = usePagedList(crud.fetch, crud.failedText);
  const form = useForm(crud.blank);
  /** Whether the dialog is open, and the row it edits (none: a new one). */
  const open = ref(false);
  const editing = ref<number>();
  /** The form's pickers could not be had: said above the form. */
  const pickersFailed = ref('');
  const may = computed(() => ({ add: can(crud.permissions.add), change: can(crud.permissions.change), remove: can(crud.permissions.remove) }));

  onMounted(async () => {
    await list.load();
    if (!crud.pickers || !(may.value.add || may.value.change)) return;
    try {
      await crud.pickers();
    } catch {
      pickersFailed.value = '表单选项加载失败，请刷新重试';
    }
  });

  function openAdd(): void {
    form.reset();
    editing.value = undefined;
    open.value = true;
    crud.opened?.();
  }

  function openEdit(row: Row): void {
    form.reset(crud.fromRow(row));
    editing.value = row.id;
    open.value = true;
    crud.opened?.(row);
  }

  /** Sends the dialog's draft; closes it and reloads the page once saved. */
  async function save(): Promise<void> {
    const id = editing.value;
    if (!(await form.submit(crud.check, (draft) => crud.send(id, draft)))) return;
    open.value = false;
    ElMessage.success(id === undefined ? '添加成功' : '修改成功');
    await list.load();
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

  /** What components/CrudTable.vue takes: `<CrudTable v-bind="table" …>`. */
  const table = reactive({
    rows: list.rows,
    count: list.count,
    page: list.page,
    loading: list.loading,
    failed: list.failed,
    pageSize: crud.pageSize,
    canAdd: computed(() => may.value.add),
    canEdit: computed(() => may.value.change),
    canDelete: computed(() => may.value.remove),
    onRetry: list.load,
    onTurn: list.turn,
    onAdd: openAdd,
    onEdit: openEdit,
    onRemove: drop,
  });
  /** What components/CrudDialog.vue takes besides the open flag and its title: `<CrudDialog v-model="open" v-bind="dialog" …>`. */
  const dialog = reactive({ saving: form.saving, formError: form.formError, notice: pickersFailed, onSave: save });

  return { draft: form.draft, fieldErrors: form.fieldErrors, table, dialog, open, editing, pickersFailed };
}
