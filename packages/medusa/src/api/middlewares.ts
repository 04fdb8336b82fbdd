import { authenticate, defineMiddlewares } from '@medusajs/framework/http';
import { codesRateLimit } from '../lib/codes-rate-limit';

export default defineMiddlewares({
  routes: [
    {
      // Vendor signatures are computed over the exact bytes.
      matcher: '/hooks/giftwire/*',
      method: ['POST'],
      bodyParser: { preserveRawBody: true },
    },
    {
      matcher: '/store/giftwire/orders/*',
      middlewares: [authenticate('customer', ['session', 'bearer']), codesRateLimit()],
    },
    {
      // Signed links need no sign-in; the rate limit is per client address.
      matcher: '/store/giftwire/links/*',
      middlewares: [codesRateLimit()],
    },
  ],
});
