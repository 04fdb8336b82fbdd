import { packageBuild } from '../../tsup.shared';

export default packageBuild({
  index: 'src/index.ts',
  postgres: 'src/postgres/index.ts',
  redis: 'src/redis/index.ts',
});
