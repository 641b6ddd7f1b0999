/**
 * Every docker command the guard knows, in ONE table: what class it is (does it change or
 * destroy anything?), its normalized name (`docker rm` and `docker container remove` are both
 * `container rm`, as the UI names them too), which of its options take a value (so that options
 * are never taken for targets, see dockerOptions.ts), and how many leading positional words are
 * its targets — only those are ever shown or logged: never an option, never a container's command
 * line (`exec -e PASSWORD=… db psql …` records the container only).
 *
 * `read` changes nothing on the engine; `mutate` changes something; `destroy` removes data or
 * takes a running workload down. A command or plugin that is not in the table is `mutate`, never
 * `read`. Options were taken from the Docker CLI's `--help` (28.2), Compose v2 and Buildx.
 */
import type { OperationClass } from './guard';
import { hostAccessOf, volumeCreateHostAccessOf } from './hostAccess';

/** What a command acts on, which decides whose tier the policy weighs. */
export type CommandSubject =
  /** The engine of the context docker resolves (`--context`, `-H`, DOCKER_HOST…): nearly everything. */
  | 'engine'
  /** The contexts it names (`context rm prod-eu`): no engine is contacted. */
  | 'contexts'
  /** Only this client's files or a registry (`login`, `manifest`, `trust`): no engine at all. */
  | 'client';

export interface DockerCommand {
  class: OperationClass;
  /** Normalized, as the management command says it: `container rm`, `system prune`. */
  operation: string;
  /** Its options (see dockerOptions.ts for the notation). */
  options?: string;
  /** How many leading positional words are targets (default none). */
  targets?: number | 'all';
  /** Options end at the first positional word: the rest is the container's (or service's) command. */
  interspersed?: false;
  /** Boolean options (long names) that make it `destroy`: `stack deploy --prune` removes services. */
  destroyWith?: string[];
  /** Targets or option values that make it `destroy`: scaling to zero takes the workload down. */
  destroyIf?: (given: GivenOptions) => boolean;
  /** How the container it makes is handed the host (see hostAccess.ts): asked like a destroy. */
  hostAccess?: (given: GivenOptions) => string[];
  subject?: CommandSubject;
}

/** A command's parsed line, for destroyIf and hostAccess. */
export interface GivenOptions {
  targets: string[];
  /** A boolean option (long name) is set: its last value is true. */
  flag(long: string): boolean;
  /** Every value given to an option (long name), in order. */
  values(long: string): string[];
}

export interface DockerCommandGroup {
  /** Options of the group itself, before its subcommand (docker's global flags, `compose -p`). */
  options?: string;
  commands: Record<string, DockerCommand | DockerCommandGroup>;
}

export function isCommandGroup(entry: DockerCommand | DockerCommandGroup): entry is DockerCommandGroup {
  return 'commands' in entry;
}

/** docker's global flags, as `docker --help` lists them. */
const globalOptions = 'config= c|context= D|debug H|host= l|log-level= tls tlscacert= tlscert= tlskey= tlsverify v|version';

const read = (operation: string, subject?: CommandSubject): DockerCommand => ({ class: 'read', operation, subject });
const mutate = (operation: string, options: string, targets: DockerCommand['targets'], extra: Partial<DockerCommand> = {}): DockerCommand => ({
  class: 'mutate',
  operation,
  options,
  targets,
  ...extra,
});
const destroy = (operation: string, options: string, targets: DockerCommand['targets'], extra: Partial<DockerCommand> = {}): DockerCommand => ({
  class: 'destroy',
  operation,
  options,
  targets,
  ...extra,
});
/** The same command under several names (aliases such as `ls`, `list` and `ps`). */
const names = <T>(aliases: string[], entry: T): Record<string, T> => Object.fromEntries(aliases.map((alias) => [alias, entry]));

const pick = <T, K extends keyof T>(entries: T, keys: K[]): Pick<T, K> => Object.fromEntries(keys.map((key) => [key, entries[key]])) as Pick<T, K>;

/** `web=0`: scaling a service to nothing takes it down. */
const toZero = (words: string[]) => words.some((word) => /=\s*0+$/.test(word));
const scalesToZero = ({ targets }: GivenOptions) => toZero(targets);
const composeScalesToZero = ({ values }: GivenOptions) => toZero(values('scale'));
const replicasToZero = ({ values }: GivenOptions) => values('replicas').some((value) => /^\s*0+\s*$/.test(value));

// ---- containers

const createOptions =
  'add-host= annotation= a|attach= blkio-weight= blkio-weight-device= cap-add= cap-drop= cgroup-parent= cgroupns= cidfile= ' +
  'cpu-count= cpu-percent= cpu-period= cpu-quota= cpu-rt-period= cpu-rt-runtime= c|cpu-shares= cpus= cpuset-cpus= cpuset-mems= ' +
  'device= device-cgroup-rule= device-read-bps= device-read-iops= device-write-bps= device-write-iops= disable-content-trust ' +
  'dns= dns-opt= dns-option= dns-search= domainname= entrypoint= e|env= env-file= expose= gpus= group-add= health-cmd= ' +
  'health-interval= health-retries= health-start-interval= health-start-period= health-timeout= h|hostname= init i|interactive ' +
  'io-maxbandwidth= io-maxiops= ip= ip6= ipc= isolation= kernel-memory= l|label= label-file= link= link-local-ip= log-driver= ' +
  'log-opt= mac-address= m|memory= memory-reservation= memory-swap= memory-swappiness= mount= name= net= net-alias= network= ' +
  'network-alias= no-healthcheck oom-kill-disable oom-score-adj= pid= pids-limit= platform= privileged p|publish= P|publish-all ' +
  'pull= q|quiet read-only restart= rm runtime= security-opt= shm-size= stop-signal= stop-timeout= storage-opt= sysctl= tmpfs= ' +
  't|tty ulimit= use-api-socket u|user= userns= uts= v|volume= volume-driver= volumes-from= w|workdir=';
const handsHost = { hostAccess: hostAccessOf };
const stopOptions = 's|signal= t|timeout= time=';

const container = {
  attach: mutate('container attach', 'detach-keys= no-stdin sig-proxy', 1),
  commit: mutate('container commit', 'a|author= c|change= m|message= p|pause', 2),
  cp: mutate('container cp', 'a|archive L|follow-link q|quiet', 2),
  create: mutate('container create', createOptions, 1, { interspersed: false, ...handsHost }),
  diff: read('container diff'),
  exec: mutate('container exec', 'd|detach detach-keys= e|env= env-file= i|interactive privileged t|tty u|user= w|workdir=', 1, {
    interspersed: false,
    ...handsHost,
  }),
  export: read('container export'),
  inspect: read('container inspect'),
  kill: destroy('container kill', 's|signal=', 'all'),
  logs: read('container logs'),
  ls: read('container ls'),
  pause: destroy('container pause', '', 'all'),
  port: read('container port'),
  prune: destroy('container prune', 'filter= f|force', 0),
  rename: mutate('container rename', '', 2),
  restart: destroy('container restart', stopOptions, 'all'),
  rm: destroy('container rm', 'f|force! l|link! v|volumes!', 'all'),
  run: mutate('container run', `${createOptions} d|detach detach-keys= sig-proxy`, 1, { interspersed: false, ...handsHost }),
  start: mutate('container start', 'a|attach checkpoint= checkpoint-dir= detach-keys= i|interactive', 'all'),
  stats: read('container stats'),
  stop: destroy('container stop', stopOptions, 'all'),
  top: read('container top'),
  unpause: mutate('container unpause', '', 'all'),
  update: mutate(
    'container update',
    'blkio-weight= cpu-period= cpu-quota= cpu-rt-period= cpu-rt-runtime= c|cpu-shares= cpus= cpuset-cpus= cpuset-mems= ' +
      'kernel-memory= m|memory= memory-reservation= memory-swap= pids-limit= restart=',
    'all',
  ),
  wait: read('container wait'),
};

// ---- images and builds

const buildOptions =
  'add-host= allow= annotation= attest= build-arg= build-context= builder= cache-from= cache-to= call= cgroup-parent= check ' +
  'compress cpu-period= cpu-quota= c|cpu-shares= cpuset-cpus= cpuset-mems= disable-content-trust f|file= force-rm iidfile= ' +
  'isolation= label= load m|memory= memory-swap= metadata-file= network= no-cache no-cache-filter= o|output= platform= ' +
  'progress= provenance= pull push q|quiet rm sbom= secret= security-opt= shm-size= squash ssh= t|tag= target= ulimit=';
const pullOptions = 'a|all-tags disable-content-trust platform= q|quiet';
const builderPruneOptions = 'a|all! filter= f|force keep-storage= max-used-space= min-free-space= reserved-space= verbose';

const image = {
  build: mutate('image build', buildOptions, 1),
  history: read('image history'),
  import: mutate('image import', 'c|change= m|message= platform=', 2),
  inspect: read('image inspect'),
  load: mutate('image load', 'i|input= platform= q|quiet', 0),
  ls: read('image ls'),
  prune: destroy('image prune', 'a|all! filter= f|force', 0),
  pull: mutate('image pull', pullOptions, 1),
  push: mutate('image push', pullOptions, 1),
  rm: destroy('image rm', 'f|force! no-prune platform=', 'all'),
  save: read('image save'),
  tag: mutate('image tag', '', 2),
};

// ---- everything else the engine keeps

const network = {
  connect: mutate('network connect', 'alias= driver-opt= gw-priority= ip= ip6= link= link-local-ip=', 2),
  create: mutate(
    'network create',
    'attachable aux-address= config-from= config-only d|driver= gateway= ingress internal ip-range= ipam-driver= ipam-opt= ' +
      'ipv4 ipv6 label= o|opt= scope= subnet=',
    1,
  ),
  disconnect: mutate('network disconnect', 'f|force', 2),
  inspect: read('network inspect'),
  ls: read('network ls'),
  prune: destroy('network prune', 'filter= f|force', 0),
  rm: destroy('network rm', 'f|force!', 'all'),
};

const volume = {
  // `--name` is hidden (the name is the positional word) but still taken.
  create: mutate(
    'volume create',
    'availability= d|driver= group= label= limit-bytes= name= o|opt= required-bytes= scope= secret= sharing= topology-preferred= ' + 'topology-required= type=',
    1,
    { hostAccess: volumeCreateHostAccessOf },
  ),
  inspect: read('volume inspect'),
  ls: read('volume ls'),
  prune: destroy('volume prune', 'a|all! filter= f|force', 0),
  rm: destroy('volume rm', 'f|force!', 'all'),
  update: mutate('volume update', 'availability=', 1),
};

const plugin = {
  create: mutate('plugin create', 'compress', 1),
  disable: mutate('plugin disable', 'f|force', 1),
  enable: mutate('plugin enable', 'timeout=', 1),
  inspect: read('plugin inspect'),
  // Settings (KEY=VALUE) after the plugin's name may hold secrets: only the name is a target.
  install: mutate('plugin install', 'alias= disable disable-content-trust grant-all-permissions', 1),
  ls: read('plugin ls'),
  push: mutate('plugin push', 'disable-content-trust', 1),
  rm: destroy('plugin rm', 'f|force!', 'all'),
  set: mutate('plugin set', '', 1),
  upgrade: mutate('plugin upgrade', 'disable-content-trust grant-all-permissions skip-remote-check', 1),
};

const system = {
  df: read('system df'),
  'dial-stdio': mutate('system dial-stdio', '', 0),
  events: read('system events'),
  info: read('system info'),
  prune: destroy('system prune', 'a|all! filter= f|force volumes!', 0),
};

const context = {
  create: mutate('context create', 'description= docker= from=', 1, { subject: 'contexts' }),
  export: read('context export'),
  import: mutate('context import', '', 1, { subject: 'contexts' }),
  inspect: read('context inspect'),
  ls: read('context ls'),
  rm: destroy('context rm', 'f|force!', 'all', { subject: 'contexts' }),
  show: read('context show'),
  update: mutate('context update', 'description= docker=', 1, { subject: 'contexts' }),
  use: mutate('context use', '', 1, { subject: 'contexts' }),
};

// ---- swarm

const serviceOptions =
  'cap-add= cap-drop= config= constraint= container-label= credential-spec= d|detach dns= dns-option= dns-search= ' +
  'endpoint-mode= entrypoint= e|env= env-file= generic-resource= group= health-cmd= health-interval= health-retries= ' +
  'health-start-interval= health-start-period= health-timeout= host= hostname= init isolation= l|label= limit-cpu= ' +
  'limit-memory= limit-pids= log-driver= log-opt= max-concurrent= mode= mount= name= network= no-healthcheck ' +
  'no-resolve-image oom-score-adj= placement-pref= p|publish= q|quiet read-only replicas= replicas-max-per-node= reserve-cpu= ' +
  'reserve-memory= restart-condition= restart-delay= restart-max-attempts= restart-window= rollback-delay= ' +
  'rollback-failure-action= rollback-max-failure-ratio= rollback-monitor= rollback-order= rollback-parallelism= secret= ' +
  'stop-grace-period= stop-signal= sysctl= t|tty ulimit= update-delay= update-failure-action= update-max-failure-ratio= ' +
  'update-monitor= update-order= update-parallelism= u|user= with-registry-auth w|workdir=';
const serviceUpdateOptions =
  `${serviceOptions} args= config-add= config-rm= constraint-add= constraint-rm= container-label-add= container-label-rm= ` +
  'dns-add= dns-option-add= dns-option-rm= dns-rm= dns-search-add= dns-search-rm= env-add= env-rm= force ' +
  'generic-resource-add= generic-resource-rm= group-add= group-rm= host-add= host-rm= image= label-add= label-rm= mount-add= ' +
  'mount-rm= network-add= network-rm= placement-pref-add= placement-pref-rm= publish-add= publish-rm= rollback secret-add= ' +
  'secret-rm= sysctl-add= sysctl-rm= ulimit-add= ulimit-rm=';

const service = {
  create: mutate('service create', serviceOptions, 1, { interspersed: false, ...handsHost }),
  inspect: read('service inspect'),
  logs: read('service logs'),
  ls: read('service ls'),
  ps: read('service ps'),
  rm: destroy('service rm', '', 'all'),
  rollback: mutate('service rollback', 'd|detach q|quiet', 1),
  scale: mutate('service scale', 'd|detach', 'all', { destroyIf: scalesToZero }),
  update: mutate('service update', serviceUpdateOptions, 1, { destroyIf: replicasToZero }),
};

const stack = {
  config: read('stack config'),
  deploy: mutate('stack deploy', 'c|compose-file= d|detach prune! q|quiet resolve-image= with-registry-auth', 1, { destroyWith: ['prune'] }),
  ls: read('stack ls'),
  ps: read('stack ps'),
  rm: destroy('stack rm', 'd|detach', 'all'),
  services: read('stack services'),
};

const swarm = {
  ca: mutate('swarm ca', 'ca-cert= ca-key= cert-expiry= d|detach external-ca= q|quiet rotate', 0),
  init: mutate(
    'swarm init',
    'advertise-addr= autolock availability= cert-expiry= data-path-addr= data-path-port= default-addr-pool= ' +
      'default-addr-pool-mask-length= dispatcher-heartbeat= external-ca= force-new-cluster listen-addr= max-snapshots= ' +
      'snapshot-interval= task-history-limit=',
    0,
  ),
  join: mutate('swarm join', 'advertise-addr= availability= data-path-addr= listen-addr= token=', 1),
  'join-token': mutate('swarm join-token', 'q|quiet rotate', 1),
  leave: destroy('swarm leave', 'f|force!', 0),
  unlock: mutate('swarm unlock', '', 0),
  'unlock-key': mutate('swarm unlock-key', 'q|quiet rotate', 0),
  update: mutate('swarm update', 'autolock cert-expiry= dispatcher-heartbeat= external-ca= max-snapshots= snapshot-interval= task-history-limit=', 0),
};

const swarmObject = (kind: 'config' | 'secret', createOptions: string): DockerCommandGroup => ({
  commands: {
    create: mutate(`${kind} create`, createOptions, 1),
    inspect: read(`${kind} inspect`),
    ...names(['ls', 'list'], read(`${kind} ls`)),
    ...names(['rm', 'remove'], destroy(`${kind} rm`, '', 'all')),
  },
});

const node = {
  demote: mutate('node demote', '', 'all'),
  inspect: read('node inspect'),
  ls: read('node ls'),
  promote: mutate('node promote', '', 'all'),
  ps: read('node ps'),
  rm: destroy('node rm', 'f|force!', 'all'),
  update: mutate('node update', 'availability= label-add= label-rm= role=', 1),
};

// ---- the client's own files and registries: no engine is involved

const client: Partial<DockerCommand> = { subject: 'client' };

const manifest = {
  annotate: mutate('manifest annotate', 'arch= os= os-features= os-version= variant=', 2, client),
  create: mutate('manifest create', 'a|amend insecure', 1, client),
  inspect: read('manifest inspect', 'client'),
  push: mutate('manifest push', 'insecure p|purge', 1, client),
  rm: destroy('manifest rm', '', 'all', client),
};

const trust: DockerCommandGroup = {
  commands: {
    inspect: read('trust inspect', 'client'),
    revoke: destroy('trust revoke', 'y|yes', 1, client),
    sign: mutate('trust sign', 'local', 1, client),
    key: { commands: { generate: mutate('trust key generate', 'dir=', 1, client), load: mutate('trust key load', 'dir= name=', 0, client) } },
    signer: {
      commands: {
        add: mutate('trust signer add', 'key=', 1, client),
        remove: destroy('trust signer remove', 'f|force!', 1, client),
      },
    },
  },
};

// ---- plugins that ship with Docker: Compose and Buildx

const composeRunOptions =
  'build cap-add= cap-drop= d|detach entrypoint= e|env= env-from-file= i|interactive l|label= name= T|no-TTY no-deps ' +
  'p|publish= pull= q|quiet quiet-build quiet-pull remove-orphans! rm P|service-ports use-aliases u|user= v|volume= w|workdir=';

const compose: DockerCommandGroup = {
  options:
    'all-resources ansi= compatibility dry-run env-file= f|file= no-ansi parallel= profile= progress= project-directory= ' +
    'p|project-name=! verbose v|version workdir=',
  commands: {
    attach: mutate('compose attach', 'detach-keys= index= no-stdin sig-proxy', 1),
    build: mutate('compose build', 'build-arg= builder= check m|memory= no-cache print pull push q|quiet ssh= with-dependencies', 'all'),
    commit: mutate('compose commit', 'a|author= c|change= index= m|message= p|pause', 2),
    config: read('compose config'),
    cp: mutate('compose cp', 'a|archive all index= L|follow-link', 2),
    create: mutate('compose create', 'build force-recreate no-build no-recreate pull= quiet-pull remove-orphans! scale= y|yes', 'all', {
      destroyWith: ['remove-orphans'],
      destroyIf: composeScalesToZero,
    }),
    down: destroy('compose down', 'remove-orphans! rmi=! t|timeout= v|volumes!', 'all'),
    events: read('compose events'),
    // -i and -t are hidden (compose exec is interactive by default) but still taken.
    exec: mutate('compose exec', 'd|detach e|env= index= i|interactive T|no-TTY privileged t|tty u|user= w|workdir=', 1, { interspersed: false }),
    export: read('compose export'),
    images: read('compose images'),
    kill: destroy('compose kill', 'remove-orphans! s|signal=', 'all'),
    logs: read('compose logs'),
    ls: read('compose ls'),
    pause: destroy('compose pause', '', 'all'),
    port: read('compose port'),
    ps: read('compose ps'),
    publish: mutate('compose publish', 'oci-version= resolve-image-digests with-env y|yes', 1),
    pull: mutate('compose pull', 'ignore-buildable ignore-pull-failures include-deps policy= q|quiet', 'all'),
    push: mutate('compose push', 'ignore-push-failures include-deps q|quiet', 'all'),
    restart: destroy('compose restart', 'no-deps t|timeout=', 'all'),
    rm: destroy('compose rm', 'f|force s|stop! v|volumes!', 'all'),
    run: mutate('compose run', composeRunOptions, 1, { interspersed: false, destroyWith: ['remove-orphans'] }),
    scale: mutate('compose scale', 'no-deps', 'all', { destroyIf: scalesToZero }),
    start: mutate('compose start', '', 'all'),
    stats: read('compose stats'),
    stop: destroy('compose stop', 't|timeout=', 'all'),
    top: read('compose top'),
    unpause: mutate('compose unpause', '', 'all'),
    up: mutate(
      'compose up',
      'abort-on-container-exit abort-on-container-failure always-recreate-deps attach= attach-dependencies build d|detach ' +
        'exit-code-from= force-recreate menu no-attach= no-build no-color no-deps no-log-prefix no-recreate no-start pull= ' +
        'quiet-build quiet-pull remove-orphans! V|renew-anon-volumes! scale= t|timeout= timestamps wait wait-timeout= w|watch y|yes',
      'all',
      // New anonymous volumes for old ones: the old ones' data is gone from the containers.
      { destroyWith: ['remove-orphans', 'renew-anon-volumes'], destroyIf: composeScalesToZero },
    ),
    version: read('compose version'),
    volumes: read('compose volumes'),
    wait: { ...read('compose wait'), options: 'down-project!', targets: 'all', destroyWith: ['down-project'] },
    watch: mutate('compose watch', 'no-up prune quiet', 'all'),
  },
};

const buildx: DockerCommandGroup = {
  options: 'builder= D|debug',
  commands: {
    bake: mutate('buildx bake', 'allow= call= check f|file= list= load metadata-file= no-cache print progress= provenance= pull push sbom= set=', 'all'),
    ...names(['build', 'b'], mutate('buildx build', buildOptions, 1)),
    create: mutate('buildx create', 'append bootstrap buildkitd-config= buildkitd-flags= driver= driver-opt= leave name= node= platform= use', 1),
    du: read('buildx du'),
    history: {
      commands: {
        ...names(['inspect', 'logs', 'ls', 'open', 'trace', 'export'], read('buildx history')),
        import: mutate('buildx history import', 'f|file=', 0),
        rm: destroy('buildx history rm', 'all!', 'all'),
      },
    },
    imagetools: {
      commands: {
        create: mutate('buildx imagetools create', 'annotation= append dry-run f|file= prefer-index progress= t|tag=', 'all'),
        inspect: read('buildx imagetools inspect'),
      },
    },
    inspect: read('buildx inspect'),
    ls: read('buildx ls'),
    prune: destroy('buildx prune', builderPruneOptions, 0),
    rm: destroy('buildx rm', 'all-inactive! f|force keep-daemon keep-state', 'all'),
    stop: mutate('buildx stop', '', 1),
    use: mutate('buildx use', 'default global', 1, client),
    version: read('buildx version'),
  },
};

// ---- the whole command line

export const dockerCommandTable: DockerCommandGroup = {
  options: globalOptions,
  commands: {
    // Short forms of the management commands (`docker rm` is `docker container rm`).
    ...pick(container, ['attach', 'commit', 'cp', 'create', 'diff', 'exec', 'export', 'kill', 'logs', 'pause', 'port', 'rename']),
    ...pick(container, ['restart', 'rm', 'run', 'start', 'stats', 'stop', 'top', 'unpause', 'update', 'wait']),
    ps: container.ls,
    build: image.build,
    history: image.history,
    images: image.ls,
    import: image.import,
    load: image.load,
    pull: image.pull,
    push: image.push,
    rmi: image.rm,
    save: image.save,
    tag: image.tag,
    inspect: read('inspect'),
    events: system.events,
    info: system.info,
    version: read('version'),
    search: read('search'),
    help: read('help'),
    // Shell completion (cobra's hidden commands, run on every Tab) and its scripts: they only list.
    completion: read('completion'),
    ...names(['__complete', '__completeNoDesc'], read('completion')),
    login: mutate('login', 'p|password= password-stdin u|username=', 1, client),
    logout: mutate('logout', '', 1, client),

    // With buildx installed (as Docker Desktop and docker-ce ship it) `docker builder X` is `docker buildx X`.
    builder: { options: buildx.options, commands: { ...buildx.commands, build: image.build, prune: destroy('builder prune', builderPruneOptions, 0) } },
    checkpoint: {
      commands: {
        // Without --leave-running, a checkpoint stops the container.
        create: destroy('checkpoint create', 'checkpoint-dir= leave-running', 2),
        ...names(['ls', 'list'], read('checkpoint ls')),
        ...names(['rm', 'remove'], destroy('checkpoint rm', 'checkpoint-dir=', 2)),
      },
    },
    container: { commands: { ...container, ...names(['list', 'ps'], container.ls), remove: container.rm } },
    context: { commands: { ...context, list: context.ls, remove: context.rm } },
    image: { commands: { ...image, list: image.ls, remove: image.rm } },
    manifest: { commands: manifest },
    network: { commands: { ...network, list: network.ls, remove: network.rm } },
    plugin: { commands: { ...plugin, list: plugin.ls, remove: plugin.rm } },
    system: { commands: system },
    trust,
    volume: { commands: { ...volume, list: volume.ls, remove: volume.rm } },
    config: swarmObject('config', 'l|label= template-driver='),
    node: { commands: { ...node, list: node.ls, remove: node.rm } },
    secret: swarmObject('secret', 'd|driver= l|label= template-driver='),
    service: { commands: { ...service, list: service.ls, remove: service.rm } },
    // `--orchestrator` is hidden and deprecated, but docker still takes its value.
    stack: { options: 'orchestrator=', commands: { ...stack, up: stack.deploy, list: stack.ls, ...names(['remove', 'down'], stack.rm) } },
    swarm: { commands: swarm },

    compose,
    buildx,
  },
};
