/**
 * The runtime on Node's worker_threads: the same ClusterRuntime on the Node platform. Used by
 * `npm run lab` (the default host), test/runtime and bench/.
 */
import { ClusterRuntime, type RuntimeOptions } from './runtime.ts';
import { nodePlatform } from './platform-node.ts';

export { ClusterRuntime, nodePlatform };
export type { RuntimeOptions };

export function createNodeRuntime(options: Omit<RuntimeOptions, 'platform'> = {}): ClusterRuntime {
  return new ClusterRuntime({ platform: nodePlatform(), ...options });
}
