// Shapes of the back office dashboard's user counters (contract §10.3). "Today" is the calendar
// day in Asia/Shanghai; `date` is that day as "YYYY-MM-DD" (the app does not read it).
import { Type, type Static } from '@sinclair/typebox';

export const DayCount = Type.Object({ count: Type.Integer({ minimum: 0 }), date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) });
export type DayCount = Static<typeof DayCount>;

/** month_increment: 30 days, the oldest first, today last, days without a new user included. */
export const MonthIncrement = Type.Array(DayCount, { minItems: 30, maxItems: 30 });
export type MonthIncrement = Static<typeof MonthIncrement>;

/** goods_day_views: today's views per third-level category (the app's bar chart), most viewed first. */
export const CategoryDayViews = Type.Array(Type.Object({ category: Type.String(), count: Type.Integer({ minimum: 0 }) }));
export type CategoryDayViews = Static<typeof CategoryDayViews>;
