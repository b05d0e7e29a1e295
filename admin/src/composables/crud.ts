// One paged table whose rows are added and edited in a dialog and deleted after a confirmation
// (the catalogue's SPUs, specs, options and brands): the list (usePagedList) loaded on mount and
// after each write, the dialog (useEditor), the form's pickers loaded for whoever may write, the
// buttons the administrator may use, and a delete that asks first (removeRow). The pages put
// them in ListTable, RowActions and FormDialog like every other list.
import type { PermissionCode } from '@meiduo/contract/admin-permissions';
import type { AdminPage } from '@meiduo/contract/admin-users';
import { computed, onMounted, reactive, ref } from 'vue';
import { can } from '../permissions';
import { removeRow, useEditor } from './editor';
import { usePagedList } from './paged-list';

export interface Crud<Row extends { id: number }, Draft extends object> {
  /** What the rows are, for the dialog's title and the messages: 规格, 品牌... */
  what: string;
  fetch: (page: number) => Promise<AdminPage<Row>>;
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
  const list = reactive(usePagedList(crud.fetch, crud.failedText));
  const editor = reactive(
    useEditor<Draft, Row>({
      what: crud.what,
      blank: crud.blank,
      fromRow: crud.fromRow,
      check: (draft) => crud.check(draft),
      send: (draft, id) => crud.send(id, draft),
      opened: crud.opened,
      saved: list.load,
    }),
  );
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

  const remove = (row: Row) => removeRow(list, `确定删除${crud.describe(row)}吗？`, () => crud.remove(row.id));

  return { list, editor, draft: editor.draft as Draft, fieldErrors: editor.fieldErrors, may, remove, pickersFailed };
}
