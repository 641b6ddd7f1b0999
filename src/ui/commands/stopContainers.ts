/** "Stop" on containers: `destroy`, since it takes workloads down. */
import { containerCommand } from './containerCommand';

export const stopContainers = containerCommand({ operation: 'container stop', operationClass: 'destroy', doing: 'Stopping' }, (container) => container.stop());
