// The shop's orders (contract §10.11): the filtered list and its CSV export, an order's detail,
// and the staff steps (ship, cancel, refund), each answering the order as it now is.
import type { AdminOrderDetail, AdminOrderListItem, ShipInput } from '@meiduo/contract/admin-orders';
import type { AdminPage } from '@meiduo/contract/admin-users';
import { authenticated, http } from '../http';

export const ORDERS_PAGE_SIZE = 10;

/** The list's filters as the API takes them: an empty one is no filter; days are Asia/Shanghai's. */
export interface OrderFilters {
  keyword: string;
  status: string;
  start: string;
  end: string;
}

/** The filters without the empty ones (the API refuses an empty day). */
function params(filters: OrderFilters): Partial<OrderFilters> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value)) as Partial<OrderFilters>;
}

export async function orders(filters: OrderFilters, page: number): Promise<AdminPage<AdminOrderListItem>> {
  const { data } = await http.get<AdminPage<AdminOrderListItem>>('/meiduo_admin/orders/', {
    ...authenticated,
    params: { ...params(filters), page, pagesize: ORDERS_PAGE_SIZE },
  });
  return data;
}

/** The filtered orders as a CSV file (streamed by the API: no time limit on a big one). */
export async function exportOrders(filters: OrderFilters): Promise<Blob> {
  const { data } = await http.get<Blob>('/meiduo_admin/orders/export/', { ...authenticated, params: params(filters), responseType: 'blob', timeout: 0 });
  return data;
}

export async function order(orderId: string): Promise<AdminOrderDetail> {
  const { data } = await http.get<AdminOrderDetail>(`/meiduo_admin/orders/${orderId}/`, authenticated);
  return data;
}

export async function shipOrder(orderId: string, shipment: ShipInput): Promise<AdminOrderDetail> {
  const { data } = await http.post<AdminOrderDetail>(`/meiduo_admin/orders/${orderId}/ship/`, shipment, authenticated);
  return data;
}

export async function cancelOrder(orderId: string): Promise<AdminOrderDetail> {
  const { data } = await http.post<AdminOrderDetail>(`/meiduo_admin/orders/${orderId}/cancel/`, undefined, authenticated);
  return data;
}

export async function refundOrder(orderId: string): Promise<AdminOrderDetail> {
  const { data } = await http.post<AdminOrderDetail>(`/meiduo_admin/orders/${orderId}/refund/`, undefined, authenticated);
  return data;
}
