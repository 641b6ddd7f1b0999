/** "Restart" on containers: `destroy`, since the workload goes down before it comes back. */
import { containerCommand } from './containerCommand';

export const restartContainers = containerCommand({ operation: 'container restart', operationClass: 'destroy', doing: 'Restarting' }, (container) =>
  container.restart(),
);
