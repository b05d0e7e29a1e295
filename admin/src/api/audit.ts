// The back office's audit trail (issue 18): every admin write, newest first.
import type { AuditItem } from '@meiduo/contract/admin-audit';
import { adminResource } from './resource';

export const auditTrail = adminResource<AuditItem, never>('/meiduo_admin/audit/');
