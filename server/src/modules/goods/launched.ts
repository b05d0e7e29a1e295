// The list, search and detail queries' filter for SKUs on sale.
import { sql } from 'drizzle-orm';
import { skus } from '../../db/schema/index.js';

// A bare column, not `= $1`: the list indexes are partial on `is_launched`, and the planner
// proves a partial index applies only from the literal predicate.
export const launched = sql`${skus.isLaunched}`;
