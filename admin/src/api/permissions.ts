// Permissions, groups and administrators (contract §10.12).
import type { AdminInput, AdminItem, GroupInput, GroupItem, PermissionInput, PermissionItem } from '@meiduo/contract/admin-permissions';
import { adminResource, choices } from './resource';

export const permissions = adminResource<PermissionItem, PermissionInput>('/meiduo_admin/permission/perms/');
export const groups = adminResource<GroupItem, GroupInput>('/meiduo_admin/permission/groups/');
export const admins = adminResource<AdminItem, AdminInput>('/meiduo_admin/permission/admins/');

/** Needs contenttypes.view_contenttype. */
export const contentTypes = () => choices('/meiduo_admin/permission/content_types/');
/** Every permission, for the forms (needs auth.view_permission). */
export const permissionChoices = () => choices('/meiduo_admin/permission/simple/');
/** Every group, for the forms (needs auth.view_group). */
export const groupChoices = () => choices('/meiduo_admin/permission/groups/simple/');
