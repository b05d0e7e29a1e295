// A refused or failed action outside a form (a row's switch, a delete): the API's own text, or
// `fallback` when it has none.
import { serverErrors } from '@meiduo/client/errors';
import { ElMessage } from 'element-plus';

export function tellFailure(error: unknown, fallback: string): void {
  ElMessage.error(serverErrors(error, [], fallback).general || fallback);
}
