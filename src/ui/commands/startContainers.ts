/** "Start" on containers: a `mutate` action, since it brings workloads up and takes nothing down. */
import { containerCommand } from './containerCommand';

export const startContainers = containerCommand({ operation: 'container start', operationClass: 'mutate', doing: 'Starting' }, (container) =>
  container.start(),
);
