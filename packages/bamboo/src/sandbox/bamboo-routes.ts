import type { SandboxRoute } from '@giftwire/sandbox-kit';
import type { BambooApi } from './bamboo-api';

/**
 * Bamboo's endpoints as the kit's route table, in the order ASP.NET would try them: a GET to
 * `/orders/checkout` is a 405, not a Get Order for RequestId "checkout".
 */
export function bambooRoutes(api: BambooApi): SandboxRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/integration/v1.0/accounts',
      operation: 'getBalance',
      handle: () => api.accounts(),
    },
    {
      method: 'GET',
      path: '/api/integration/v2.0/catalog',
      operation: 'listProducts',
      handle: ({ url }) => api.catalogQuery(url.searchParams),
    },
    {
      method: 'POST',
      path: '/api/integration/v1.0/orders/checkout',
      operation: 'placeOrder',
      readBody: true,
      handle: ({ body }) => api.placeOrder(body),
    },
    {
      method: 'GET',
      path: '/api/integration/v1.0/orders/:id',
      operation: 'getOrder',
      // The docs' own curl calls `/orders/:id?id=<RequestId>` literally; accept that form too.
      handle: ({ params, url }) =>
        api.getOrder(params.id === ':id' ? (url.searchParams.get('id') ?? '') : params.id!),
    },
    {
      method: 'POST',
      path: '/api/integration/v1.0/notification',
      readBody: true,
      handle: ({ body }) => api.setNotification(body),
    },
    { method: 'GET', path: '/api/integration/v1.0/notification', handle: () => api.getNotification() },
  ];
}
