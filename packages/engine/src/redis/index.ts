export {
  createRedisRateLimitStore,
  type RedisConnection,
  type RedisRateLimitStore,
  type RedisRateLimitStoreOptions,
} from './redis-rate-limit-store';
