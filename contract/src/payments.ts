// Shapes of paying with Alipay (contract §9).
import { Type, type Static } from '@sinclair/typebox';

export const OrderParams = Type.Object({ order_id: Type.String({ pattern: '^\\d{1,64}$' }) });
export const PaymentUrl = Type.Object({ alipay_url: Type.String() });
/** What Alipay appends to the return URL (and posts to the notify URL): all strings. */
export const AlipayAnswer = Type.Record(Type.String(), Type.String({ maxLength: 2000 }));
export type AlipayAnswer = Static<typeof AlipayAnswer>;
export const PaymentConfirmed = Type.Object({ trade_id: Type.String() });
export type PaymentConfirmed = Static<typeof PaymentConfirmed>;
