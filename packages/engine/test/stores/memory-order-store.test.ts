import { createMemoryOrderStore } from '../../src/store/memory-order-store';
import { describeOrderStore } from './order-store-suite';

describeOrderStore('memory order store', async () => {
  const store = createMemoryOrderStore();
  return { store, cleanup: () => store.close() };
});
