import type { CartItem } from '@meiduo/contract/carts';
import { toCents } from '@meiduo/client/money';

/** One line's amount, price × count, in integer cents so totals add exactly. */
export const lineCents = (line: CartItem): number => toCents(line.price) * line.count;
