// The dashboard's numbers (contract §10.3, and the sales rollups beyond it).
import type { DayCount } from '@meiduo/contract/admin-statistics';
import { authenticated, http } from '../http';

export type Counter = 'total_count' | 'day_increment' | 'day_active' | 'day_orders';

export async function counter(name: Counter): Promise<number> {
  const { data } = await http.get<DayCount>(`/meiduo_admin/statistical/${name}/`, authenticated);
  return data.count;
}

export async function monthIncrement(): Promise<DayCount[]> {
  const { data } = await http.get<DayCount[]>('/meiduo_admin/statistical/month_increment/', authenticated);
  return data;
}

export interface CategoryViews {
  category: string;
  count: number;
}

export async function goodsDayViews(): Promise<CategoryViews[]> {
  const { data } = await http.get<CategoryViews[]>('/meiduo_admin/statistical/goods_day_views/', authenticated);
  return data;
}
