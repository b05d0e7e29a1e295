// Types that several layers share (http, modules, tasks). This file imports nothing, so that
// sharing a type never draws a layer into another's import graph.

/** Who a request is made by: what the JWT check loads and the routes read. */
export interface AuthenticatedUser {
  id: number;
  username: string;
  email: string;
  mobile: string;
  emailActive: boolean;
  isActive: boolean;
  isStaff: boolean;
  /** Has every back office permission without being granted any. */
  isSuperuser: boolean;
  /** Tokens must carry this stamp: one issued before the last password change no longer works. */
  passwordStamp: string;
}

/** Who makes a back office write: the administrator and the address the request came from (the audit trail's who). */
export interface Actor extends AuthenticatedUser {
  ip: string;
}
