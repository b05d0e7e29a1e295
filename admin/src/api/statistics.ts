// The dashboard's numbers (contract §10.3, and the sales rollups beyond it).
import type { CategoryShares, DayCount, SalesByDay, TopSkus } from '@meiduo/contract/admin-statistics';
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

/** A range of Asia/Shanghai days, both included ("YYYY-MM-DD"). */
export interface DayRange {
  start: string;
  end: string;
}

export async function salesByDay(range: DayRange): Promise<SalesByDay> {
  const { data } = await http.get<SalesByDay>('/meiduo_admin/statistical/sales_by_day/', { ...authenticated, params: range });
  return data;
}

export async function topSkus(range: DayRange, limit = 10): Promise<TopSkus> {
  const { data } = await http.get<TopSkus>('/meiduo_admin/statistical/top_skus/', { ...authenticated, params: { ...range, limit } });
  return data;
}

export async function categorySales(range: DayRange, level: '1' | '3'): Promise<CategoryShares> {
  const { data } = await http.get<CategoryShares>('/meiduo_admin/statistical/category_sales/', { ...authenticated, params: { ...range, level } });
  return data;
}
