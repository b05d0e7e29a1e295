// The administrators screen (contract §10.12): staff accounts with their groups and own
// permissions. The account's fields are the users module's; the grants are this module's.
import type { AdminInput, AdminItem } from '@meiduo/contract/admin-permissions';
import type { Context } from '../../context.js';
import { fail } from '../../errors.js';
import { transaction } from '../../infra/db.js';
import type { PageRequest } from '../../paging.js';
import type { AuditTrail } from '../../audit.js';
import type { Actor } from '../../principal.js';
import type { AccountItem, AccountService } from '../users/accounts.js';
import type { UserService } from '../users/service.js';
import type { PermissionService } from './permissions.js';

export class AdminService {
  constructor(
    private readonly context: Pick<Context, 'db'>,
    private readonly users: UserService,
    private readonly accounts: AccountService,
    private readonly permissions: PermissionService,
    private readonly audit: AuditTrail,
  ) {}

  private async withGrants(accounts: AccountItem[]): Promise<AdminItem[]> {
    const grants = await this.permissions.grantsOf(accounts.map((account) => account.id));
    return accounts.map((account) => ({ ...account, ...grants.get(account.id)! }));
  }

  async list(at: PageRequest): Promise<{ count: number; rows: AdminItem[] }> {
    const { count, rows } = await this.accounts.listAccounts(at, { staff: true });
    return { count, rows: await this.withGrants(rows) };
  }

  async get(id: number): Promise<AdminItem> {
    const [item] = await this.withGrants([await this.accounts.getStaff(id)]);
    return item!;
  }

  /** A new staff account with its grants, in one transaction. */
  async create(actor: Actor, input: AdminInput): Promise<AdminItem> {
    await this.permissions.checkGrants(input);
    await this.permissions.assertGrantable(actor, { permissions: input.user_permissions ?? [], groups: input.groups ?? [] });
    const account = await transaction(this.context.db, async (tx) => {
      const created = await this.accounts.createStaff({ ...input, password: input.password ?? '' }, tx);
      await this.permissions.setGrants(created.id, input, tx);
      const after = { ...created, groups: input.groups ?? [], user_permissions: input.user_permissions ?? [] };
      await this.audit.record(tx, actor, { action: 'users.add_user', resource: 'admin', objectId: created.id, after });
      return created;
    });
    return this.get(account.id);
  }

  /** Only a superuser touches a superuser's account: anyone else could take it over by its password. */
  private async assertMayManage(actor: Actor, id: number): Promise<void> {
    if (actor.isSuperuser) return;
    if ((await this.users.findActive(id))?.isSuperuser) throw fail('permission_denied');
  }

  /** The grants given are replaced, those absent kept; the password stays when absent or blank. */
  async update(actor: Actor, id: number, input: AdminInput): Promise<AdminItem> {
    await this.assertMayManage(actor, id);
    await this.permissions.checkGrants(input);
    const before = await this.get(id);
    const current = { groups: before.groups, user_permissions: before.user_permissions };
    await this.permissions.assertGrantable(actor, {
      permissions: (input.user_permissions ?? []).filter((p) => !current.user_permissions.includes(p)),
      groups: (input.groups ?? []).filter((g) => !current.groups.includes(g)),
    });
    await transaction(this.context.db, async (tx) => {
      const account = await this.accounts.updateStaff(id, input, tx);
      await this.permissions.setGrants(id, input, tx);
      // Never the password, only that it changed.
      const after = { ...account, groups: input.groups ?? before.groups, user_permissions: input.user_permissions ?? before.user_permissions, password_changed: Boolean(input.password) };
      await this.audit.record(tx, actor, { action: 'users.change_user', resource: 'admin', objectId: id, before, after });
    });
    return this.get(id);
  }

  /**
   * Removing an administrator withdraws staff status and every grant, and keeps the account:
   * its orders and comments point at it. Its admin tokens stop working at once.
   */
  async remove(actor: Actor, id: number): Promise<void> {
    const before = await this.get(id);
    await this.assertMayManage(actor, id);
    await transaction(this.context.db, async (tx) => {
      await this.permissions.setGrants(id, { groups: [], user_permissions: [] }, tx);
      await this.users.setAccess(id, { isStaff: false }, tx);
      await this.audit.record(tx, actor, { action: 'users.delete_user', resource: 'admin', objectId: id, before });
    });
  }
}
