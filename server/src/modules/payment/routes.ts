// HTTP of payment: contract §9.1, §9.2, and Alipay's server-to-server notify (a form POST
// answered with the plain text `success`, or Alipay retries).
import { OrderParams, PaymentConfirmed, PaymentUrl } from '@meiduo/contract/payments';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { DomainError } from '../../errors.js';
import type { AlipayParams } from '../../infra/alipay.js';
import type { PaymentService } from './service.js';

/** Alipay's form bodies, as a flat record of strings (this plugin's routes only). */
export function formBodies(app: Parameters<FastifyPluginAsync>[0]): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
}

const tags = ['payment'];

export const paymentRoutes: FastifyPluginAsync<{ payments: PaymentService; authenticate: preHandlerAsyncHookHandler }> = async (app, { payments, authenticate }) => {
  formBodies(app);

  app.get<{ Params: Static<typeof OrderParams> }>(
    '/orders/:order_id/payment/',
    { preValidation: authenticate, config: { errors: ['payment.order_invalid'] }, schema: { tags, summary: 'The signed Alipay page-pay URL of an unpaid order', params: OrderParams, response: { 200: PaymentUrl } } },
    async (request) => ({ alipay_url: await payments.paymentUrl(request.user!.id, request.params.order_id) }),
  );

  // The page forwards Alipay's return query as is; the body is `{}` and ignored.
  app.put('/payment/status/', { config: { errors: ['payment.forged', 'payment.order_closed'] }, schema: { tags, summary: 'Confirm a payment from Alipay\'s return parameters (the query string)', response: { 200: PaymentConfirmed } } }, (request) => payments.confirm(request.query as AlipayParams));

  app.post('/payment/alipay/notify/', { schema: { tags, summary: 'Alipay\'s server-to-server notification (form POST); answers the text success or failure' } }, async (request, reply) => {
    const body = request.body as AlipayParams | undefined;
    // Only a finished trade pays; other notifications are acknowledged and ignored.
    if (!body || !['TRADE_SUCCESS', 'TRADE_FINISHED'].includes(body.trade_status ?? '')) return reply.type('text/plain').send(body && payments.gateway.verify(body) ? 'success' : 'failure');
    try {
      await payments.confirm(body);
      return reply.type('text/plain').send('success');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // A closed order will not become payable: say success so Alipay stops retrying (refund by hand).
      return reply.type('text/plain').send(error.code === 'payment.order_closed' ? 'success' : 'failure');
    }
  });
};
