/**
 * The agent tools that change an engine: start, stop, restart and remove a container, and prune
 * stopped containers, dangling images, unused volumes or unused networks. Each is planned first
 * (the container looked up, so the guard request names it and says whether a removal kills it;
 * what a prune would remove listed, so the request names every target) and then sent as ONE
 * guard request through the surface's agent policy: a request the policy refuses sends nothing.
 * A prune removes exactly what it listed, never with force, as the sidebar's does.
 */
import type Dockerode from 'dockerode';

import { mapWithConcurrency } from '../concurrency';
import { boundedFetch, type ListingFetch, maxListingBytes } from '../engine/boundedListing';
import { prunableContainers, prunableImages, prunableNetworks, prunableVolumes } from '../engine/pruneListings';
import type { GuardRequest, OperationClass } from '../guard/guard';
import { shortId } from '../text/dockerFormat';
import { showControls } from '../text/foreignText';
import { contextProperty } from './agentReads';
import { type AgentSurface, AgentToolError, contextLabel, engineFailed, guarded, stringArgument, targetContext, type ToolInput } from './agentSurface';
import type { AgentTool, ChangePlan } from './agentTool';

/** States in which a container holds resources: removing it takes force, and kills it. */
const upStates = new Set(['running', 'paused', 'restarting']);

const containerProperty = { type: 'string', description: 'The container name or id.' } as const;

interface ContainerChange {
  name: string;
  title: string;
  /** `Stops`, for the description; `Stopped`, for the answer. */
  does: string;
  done: string;
  operationClass: Exclude<OperationClass, 'read'>;
  /** Takes `force` (remove). */
  force?: boolean;
  send(container: Dockerode.Container, force: boolean): Promise<unknown>;
}

const containerChanges: ContainerChange[] = [
  { name: 'docker_start_container', title: 'Start a Docker container', does: 'Starts', done: 'Started', operationClass: 'mutate', send: (c) => c.start() },
  { name: 'docker_stop_container', title: 'Stop a Docker container', does: 'Stops', done: 'Stopped', operationClass: 'mutate', send: (c) => c.stop() },
  {
    name: 'docker_restart_container',
    title: 'Restart a Docker container',
    does: 'Restarts',
    done: 'Restarted',
    operationClass: 'mutate',
    send: (c) => c.restart(),
  },
  {
    name: 'docker_remove_container',
    title: 'Remove a Docker container',
    does: 'Removes',
    done: 'Removed',
    operationClass: 'destroy',
    force: true,
    send: (c, force) => c.remove({ force }),
  },
];

const guardWords =
  'It goes through Docker Context Guard: on a guarded context (production, remote engines) it may need a person, and on read-only production it is refused; the answer says why and what a person can do. Call docker_target first.';

/** The request's own words (`container stop`, `container rm --force`), as the terminal guard names the same command. */
function operationOf(change: ContainerChange, force: boolean): string {
  const verb = { docker_start_container: 'start', docker_stop_container: 'stop', docker_restart_container: 'restart', docker_remove_container: 'rm' }[
    change.name
  ];
  return `container ${verb}${force ? ' --force' : ''}`;
}

function containerChangeTool(change: ContainerChange): AgentTool {
  const tool: AgentTool = {
    name: change.name,
    title: change.title,
    description: `${change.does} a container on a Docker context's engine${change.force ? ' ("force" also removes it while it runs, killing it)' : ''}. ${guardWords}`,
    inputSchema: {
      type: 'object',
      properties: {
        container: containerProperty,
        context: contextProperty,
        ...(change.force ? { force: { type: 'boolean', description: 'Remove it even while it runs (kills it).' } } : {}),
      },
      required: ['container'],
      additionalProperties: false,
    },
    async plan(input, surface) {
      const ref = stringArgument(input, 'container', true);
      if (input.force !== undefined && typeof input.force !== 'boolean') throw new AgentToolError('the argument "force" must be true or false');
      const force = change.force === true && input.force === true;
      const context = await targetContext(surface, input);
      let info: Dockerode.ContainerInspectInfo;
      try {
        info = await (await surface.client(context)).api.getContainer(ref).inspect();
      } catch (error) {
        throw engineFailed(surface, context, error);
      }
      const name = info.Name.replace(/^\//, '');
      const up = upStates.has(info.State.Status);
      const request: GuardRequest = {
        context,
        operation: operationOf(change, force),
        operationClass: change.operationClass,
        targets: [name],
        ...(force && up ? { kills: [name] } : {}),
        source: 'agent',
        tool: change.name,
      };
      return {
        request,
        perform: async ({ api }) => {
          await change.send(api.getContainer(info.Id), force);
          return `${change.done} container ${showControls(name)} on ${contextLabel(context)}.`;
        },
      };
    },
    run: (input, surface) => runPlanned(tool, input, surface),
  };
  return tool;
}

interface Prune {
  name: string;
  title: string;
  /** What it removes, for the description and the answer. */
  what: string;
  operation: string;
  /** What it would remove now: API ref and name of each. */
  candidates(fetch: ListingFetch): Promise<{ ref: string; name: string }[]>;
  remove(api: Dockerode, ref: string): Promise<unknown>;
}

const unprefixed = (name: string | undefined) => name?.replace(/^\//, '');

const prunes: Prune[] = [
  {
    name: 'docker_prune_containers',
    title: 'Prune stopped Docker containers',
    what: 'stopped containers (created, exited or dead; never a running one)',
    operation: 'container prune',
    candidates: async (fetch) => (await prunableContainers(fetch)).map((info) => ({ ref: info.Id, name: unprefixed(info.Names?.[0]) || shortId(info.Id) })),
    remove: (api, ref) => api.getContainer(ref).remove(),
  },
  {
    name: 'docker_prune_images',
    title: 'Prune dangling Docker images',
    what: 'dangling images (untagged) that no container uses',
    operation: 'image prune',
    candidates: async (fetch) => (await prunableImages(fetch)).map((info) => ({ ref: info.Id, name: shortId(info.Id) })),
    remove: (api, ref) => api.getImage(ref).remove(),
  },
  {
    name: 'docker_prune_volumes',
    title: 'Prune unused Docker volumes',
    what: 'volumes that no container uses, named ones included (their data is lost)',
    operation: 'volume prune',
    candidates: async (fetch) => (await prunableVolumes(fetch)).map((info) => ({ ref: info.Name, name: info.Name })),
    remove: (api, ref) => api.getVolume(ref).remove(),
  },
  {
    name: 'docker_prune_networks',
    title: 'Prune unused Docker networks',
    what: 'custom networks that no container is attached to',
    operation: 'network prune',
    candidates: async (fetch) => (await prunableNetworks(fetch)).map((info) => ({ ref: info.Id, name: info.Name })),
    remove: (api, ref) => api.getNetwork(ref).remove(),
  },
];

function pruneTool(prune: Prune): AgentTool {
  const tool: AgentTool = {
    name: prune.name,
    title: prune.title,
    description: `Removes the ${prune.what} on a Docker context's engine: exactly those it lists first. ${guardWords}`,
    inputSchema: { type: 'object', properties: { context: contextProperty }, additionalProperties: false },
    async plan(input, surface) {
      const context = await targetContext(surface, input);
      let named: { ref: string; name: string }[];
      try {
        named = await prune.candidates(
          boundedFetch((await surface.client(context)).api, { deadlineMs: surface.timeouts().requestMs, maxBytes: maxListingBytes }),
        );
      } catch (error) {
        throw engineFailed(surface, context, error);
      }
      if (named.length === 0) throw new AgentToolError(`no ${prune.what} on ${contextLabel(context)}: nothing to prune, nothing was sent`);
      return {
        request: { context, operation: prune.operation, operationClass: 'destroy', targets: named.map((one) => one.name), source: 'agent', tool: prune.name },
        perform: async ({ api }) => {
          const failed = (
            await mapWithConcurrency(named, 8, (one) =>
              prune.remove(api, one.ref).then(
                () => undefined,
                (error: unknown) => `${one.name}: ${engineFailed(surface, context, error).message}`,
              ),
            )
          ).filter((failure) => failure !== undefined);
          if (failed.length > 0)
            throw new AgentToolError(`removed ${named.length - failed.length} of ${named.length}; failed: ${showControls(failed.join('; '))}`);
          return `Removed ${named.length} on ${contextLabel(context)}: ${showControls(named.map((one) => one.name).join(', '))}.`;
        },
      };
    },
    run: (input, surface) => runPlanned(tool, input, surface),
  };
  return tool;
}

/** Plans, then sends the one guard request; the engine hears nothing unless the guard allows it. */
async function runPlanned(tool: AgentTool, input: ToolInput, surface: AgentSurface): Promise<string> {
  const { request, perform }: ChangePlan = await tool.plan!(input, surface);
  return guarded(surface, request, perform);
}

export const changeTools: readonly AgentTool[] = [...containerChanges.map(containerChangeTool), ...prunes.map(pruneTool)];
