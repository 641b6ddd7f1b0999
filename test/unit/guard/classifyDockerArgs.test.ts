/**
 * The command table, case by case: every destroy form, short and management forms, aliases,
 * global flags before the subcommand, options never taken for targets, unknown commands never
 * `read`, and nothing secret in what a classification carries.
 */
import * as assert from 'node:assert/strict';

import { classifyDockerArgs } from '../../../src/core/guard/classifyDockerArgs';
import type { OperationClass } from '../../../src/core/guard/guard';

/** A command line written as one string (no word here needs quoting), or as words. */
const words = (line: string | string[]) => (Array.isArray(line) ? line : line.split(' ').filter(Boolean));

type Case = [line: string | string[], cls: OperationClass, operation: string, targets?: string[]];

function check(cases: Case[]) {
  for (const [line, cls, operation, targets] of cases) {
    it(`docker ${words(line).join(' ')}`, () => {
      const result = classifyDockerArgs(words(line));
      assert.deepEqual({ class: result.class, operation: result.operation }, { class: cls, operation });
      if (targets) assert.deepEqual(result.targets, targets);
    });
  }
}

describe('classifyDockerArgs', () => {
  describe('destroy: containers', () => {
    check([
      ['rm web', 'destroy', 'container rm', ['web']],
      ['rm -f -v x y', 'destroy', 'container rm --force --volumes', ['x', 'y']],
      ['rm -fv x y', 'destroy', 'container rm --force --volumes', ['x', 'y']],
      ['rm --volumes=false --force x', 'destroy', 'container rm --force', ['x']],
      ['container rm x', 'destroy', 'container rm', ['x']],
      ['container remove -f x', 'destroy', 'container rm --force', ['x']],
      ['rm -- -odd-name', 'destroy', 'container rm', ['-odd-name']],
      ['kill web', 'destroy', 'container kill', ['web']],
      ['kill -s KILL web', 'destroy', 'container kill', ['web']],
      ['kill --signal=HUP a b', 'destroy', 'container kill', ['a', 'b']],
      ['container kill -sKILL web', 'destroy', 'container kill', ['web']],
      ['stop web', 'destroy', 'container stop', ['web']],
      ['stop -t 5 web', 'destroy', 'container stop', ['web']],
      ['stop -t5 web', 'destroy', 'container stop', ['web']],
      ['stop --time 5 web api', 'destroy', 'container stop', ['web', 'api']],
      ['container stop --timeout=0 -s TERM web', 'destroy', 'container stop', ['web']],
      ['restart -t 0 a b', 'destroy', 'container restart', ['a', 'b']],
      ['container restart a', 'destroy', 'container restart', ['a']],
      ['pause a', 'destroy', 'container pause', ['a']],
      ['container pause a', 'destroy', 'container pause', ['a']],
      ['container prune', 'destroy', 'container prune', []],
      ['container prune -f --filter until=24h', 'destroy', 'container prune', []],
    ]);
  });

  describe('destroy: images, volumes, networks, builds', () => {
    check([
      ['rmi nginx:1', 'destroy', 'image rm', ['nginx:1']],
      ['rmi -f a b', 'destroy', 'image rm --force', ['a', 'b']],
      ['image rm a', 'destroy', 'image rm', ['a']],
      ['image remove a', 'destroy', 'image rm', ['a']],
      ['image prune', 'destroy', 'image prune', []],
      ['image prune -a -f', 'destroy', 'image prune --all', []],
      ['volume rm data', 'destroy', 'volume rm', ['data']],
      ['volume remove -f data', 'destroy', 'volume rm --force', ['data']],
      ['volume prune', 'destroy', 'volume prune', []],
      ['volume prune --all --force', 'destroy', 'volume prune --all', []],
      ['network rm front back', 'destroy', 'network rm', ['front', 'back']],
      ['network remove front', 'destroy', 'network rm', ['front']],
      ['network prune -f', 'destroy', 'network prune', []],
      ['system prune', 'destroy', 'system prune', []],
      ['system prune -a', 'destroy', 'system prune --all', []],
      ['system prune -af --volumes', 'destroy', 'system prune --all --volumes', []],
      ['system prune --volumes --filter label=x -f', 'destroy', 'system prune --volumes', []],
      ['builder prune -a', 'destroy', 'builder prune --all', []],
      ['buildx prune --all -f', 'destroy', 'buildx prune --all', []],
      ['buildx --builder ci prune', 'destroy', 'buildx prune', []],
      ['buildx rm ci', 'destroy', 'buildx rm', ['ci']],
    ]);
  });

  describe('destroy: compose, swarm, contexts, plugins', () => {
    check([
      ['compose down', 'destroy', 'compose down', []],
      ['compose down -v', 'destroy', 'compose down --volumes', []],
      ['compose down --volumes --rmi all', 'destroy', 'compose down --rmi=all --volumes', []],
      ['compose -p shop -f prod.yml down --remove-orphans -t 3', 'destroy', 'compose down --project-name=shop --remove-orphans', []],
      ['compose rm -f -s -v web', 'destroy', 'compose rm --stop --volumes', ['web']],
      ['compose stop -t 1 web', 'destroy', 'compose stop', ['web']],
      ['compose kill -s KILL web', 'destroy', 'compose kill', ['web']],
      ['compose restart web', 'destroy', 'compose restart', ['web']],
      ['compose pause web', 'destroy', 'compose pause', ['web']],
      ['compose up -d --remove-orphans', 'destroy', 'compose up --remove-orphans', []],
      ['compose scale web=0', 'destroy', 'compose scale', ['web=0']],
      ['stack rm shop', 'destroy', 'stack rm', ['shop']],
      ['stack remove shop', 'destroy', 'stack rm', ['shop']],
      ['stack down shop', 'destroy', 'stack rm', ['shop']],
      ['stack deploy --prune -c shop.yml shop', 'destroy', 'stack deploy --prune', ['shop']],
      ['service rm api', 'destroy', 'service rm', ['api']],
      ['service scale api=0 web=2', 'destroy', 'service scale', ['api=0', 'web=2']],
      ['secret rm token', 'destroy', 'secret rm', ['token']],
      ['config rm settings', 'destroy', 'config rm', ['settings']],
      ['node rm -f worker-2', 'destroy', 'node rm --force', ['worker-2']],
      ['swarm leave --force', 'destroy', 'swarm leave --force', []],
      ['context rm prod-eu', 'destroy', 'context rm', ['prod-eu']],
      ['context remove -f a b', 'destroy', 'context rm --force', ['a', 'b']],
      ['plugin rm vieux/sshfs', 'destroy', 'plugin rm', ['vieux/sshfs']],
      ['checkpoint create web cp1', 'destroy', 'checkpoint create', ['web', 'cp1']],
    ]);
  });

  describe('read', () => {
    check([
      ['', 'read', 'help'],
      ['--help', 'read', 'help'],
      ['-h', 'read', 'help'],
      ['-v', 'read', 'version'],
      ['--version', 'read', 'version'],
      ['--context prod', 'read', 'help'],
      ['--help rm x', 'read', 'container rm --help'],
      ['-h rm x', 'read', 'container rm --help'],
      ['ps', 'read', 'container ls'],
      ['ps -a --format {{.Names}}', 'read', 'container ls'],
      ['container ls', 'read', 'container ls'],
      ['container list', 'read', 'container ls'],
      ['container ps -q', 'read', 'container ls'],
      ['images', 'read', 'image ls'],
      ['image ls', 'read', 'image ls'],
      ['image list', 'read', 'image ls'],
      ['inspect web', 'read', 'inspect'],
      ['container inspect web', 'read', 'container inspect'],
      ['logs -f --tail 10 web', 'read', 'container logs'],
      ['version', 'read', 'version'],
      ['info', 'read', 'system info'],
      ['events --since 1h', 'read', 'system events'],
      ['stats --no-stream', 'read', 'container stats'],
      ['top web', 'read', 'container top'],
      ['diff web', 'read', 'container diff'],
      ['port web', 'read', 'container port'],
      ['history nginx', 'read', 'image history'],
      ['search nginx', 'read', 'search'],
      ['wait web', 'read', 'container wait'],
      ['volume ls', 'read', 'volume ls'],
      ['network ls', 'read', 'network ls'],
      ['context ls', 'read', 'context ls'],
      ['context show', 'read', 'context show'],
      ['context inspect prod', 'read', 'context inspect'],
      ['system df -v', 'read', 'system df'],
      ['system info', 'read', 'system info'],
      ['system events', 'read', 'system events'],
      ['compose ps', 'read', 'compose ps'],
      ['compose -p shop logs -f', 'read', 'compose logs --project-name=shop'],
      ['container', 'read', 'container --help'],
      ['compose', 'read', 'compose --help'],
      ['system --help', 'read', 'system --help'],
      ['help rm', 'read', 'help'],
      ['rm --help', 'read', 'container rm --help'],
      ['rm -h', 'read', 'container rm --help'],
      ['system prune --help', 'read', 'system prune --help'],
      ['compose down --help', 'read', 'compose down --help'],
      ['save -o out.tar nginx', 'read', 'image save'],
      ['__complete --context prod rm ', 'read', 'completion'],
      [['__completeNoDesc', 'system', 'prune', ''], 'read', 'completion'],
      ['completion bash', 'read', 'completion'],
    ]);
  });

  describe('mutate', () => {
    check([
      ['run --rm busybox echo hi', 'mutate', 'container run', ['busybox']],
      ['run -d --name web -p 80:80 -v data:/data nginx', 'mutate', 'container run', ['nginx']],
      ['run -it --rm busybox rm -rf /', 'mutate', 'container run', ['busybox']],
      ['run --rm busybox --help', 'mutate', 'container run', ['busybox']],
      ['run -h myhost busybox', 'mutate', 'container run', ['busybox']],
      ['create --name web nginx', 'mutate', 'container create', ['nginx']],
      ['start web api', 'mutate', 'container start', ['web', 'api']],
      ['unpause web', 'mutate', 'container unpause', ['web']],
      ['exec -it web sh', 'mutate', 'container exec', ['web']],
      ['pull nginx', 'mutate', 'image pull', ['nginx']],
      ['push registry.example/app:1', 'mutate', 'image push', ['registry.example/app:1']],
      ['build -t app:1 -f Dockerfile .', 'mutate', 'image build', ['.']],
      ['builder build .', 'mutate', 'image build', ['.']],
      ['buildx build --push -t app .', 'mutate', 'buildx build', ['.']],
      ['buildx b .', 'mutate', 'buildx build', ['.']],
      ['tag app:1 app:latest', 'mutate', 'image tag', ['app:1', 'app:latest']],
      ['cp ./f web:/tmp/f', 'mutate', 'container cp', ['./f', 'web:/tmp/f']],
      ['commit -m msg web app:snap', 'mutate', 'container commit', ['web', 'app:snap']],
      ['rename old new', 'mutate', 'container rename', ['old', 'new']],
      ['update --memory 1g web', 'mutate', 'container update', ['web']],
      ['attach web', 'mutate', 'container attach', ['web']],
      ['login -u me registry.example', 'mutate', 'login', ['registry.example']],
      ['logout', 'mutate', 'logout', []],
      ['network create --driver bridge front', 'mutate', 'network create', ['front']],
      ['network connect front web', 'mutate', 'network connect', ['front', 'web']],
      ['network disconnect -f front web', 'mutate', 'network disconnect', ['front', 'web']],
      ['volume create data', 'mutate', 'volume create', ['data']],
      ['context create x --docker host=tcp://h:2376', 'mutate', 'context create', ['x']],
      ['context update prod --description new', 'mutate', 'context update', ['prod']],
      ['context use prod', 'mutate', 'context use', ['prod']],
      ['context import x x.tar', 'mutate', 'context import', ['x']],
      ['image import https://example/a.tar app', 'mutate', 'image import', ['https://example/a.tar', 'app']],
      ['load -i app.tar', 'mutate', 'image load', []],
      ['compose up -d', 'mutate', 'compose up', []],
      ['compose up -d web', 'mutate', 'compose up', ['web']],
      ['compose build', 'mutate', 'compose build', []],
      ['compose pull', 'mutate', 'compose pull', []],
      ['compose create', 'mutate', 'compose create', []],
      ['compose start web', 'mutate', 'compose start', ['web']],
      ['compose run --rm web rake db:migrate', 'mutate', 'compose run', ['web']],
      ['compose exec web sh', 'mutate', 'compose exec', ['web']],
      ['compose scale web=3', 'mutate', 'compose scale', ['web=3']],
      ['swarm init', 'mutate', 'swarm init', []],
      ['swarm join --token SWMTKN-1-x 127.10.0.1:2377', 'mutate', 'swarm join', ['127.10.0.1:2377']],
      ['service create --name api nginx', 'mutate', 'service create', ['nginx']],
      ['service update --image app:2 api', 'mutate', 'service update', ['api']],
      ['service scale api=3', 'mutate', 'service scale', ['api=3']],
      ['stack deploy -c shop.yml shop', 'mutate', 'stack deploy', ['shop']],
      ['stack up -c shop.yml shop', 'mutate', 'stack deploy', ['shop']],
      ['plugin install vieux/sshfs', 'mutate', 'plugin install', ['vieux/sshfs']],
      ['plugin enable vieux/sshfs', 'mutate', 'plugin enable', ['vieux/sshfs']],
      ['plugin disable -f vieux/sshfs', 'mutate', 'plugin disable', ['vieux/sshfs']],
    ]);
  });

  describe('unknown commands and plugins are mutate, never read', () => {
    check([
      ['scout cves nginx', 'mutate', 'scout', []],
      ['frobnicate', 'mutate', 'frobnicate', []],
      ['container frobnicate x', 'mutate', 'container frobnicate', []],
      ['compose alpha something', 'mutate', 'compose alpha', []],
      [['$(rm -rf /)'], 'mutate', 'unknown', []],
      // Docker 28 refuses the flag; a docker that knew it, as a boolean, would remove x.
      ['--unknown-global-flag rm x', 'destroy', 'container rm', ['x']],
      ['-v rm x', 'destroy', 'container rm', ['x']],
      ['--version --context prod system prune -a', 'destroy', 'system prune --all', []],
      ['--config', 'mutate', 'unknown', []],
    ]);
  });

  describe('global flags before the subcommand', () => {
    const flags = (line: string) => classifyDockerArgs(words(line));

    it('--context with another global flag before rm', () => {
      const result = flags('--context prod --log-level debug rm -f x');
      assert.deepEqual([result.class, result.operation, result.targets], ['destroy', 'container rm --force', ['x']]);
      assert.deepEqual(result.globalFlags, { context: 'prod', logLevel: 'debug' });
    });

    it('every spelling of -c / --context', () => {
      for (const line of ['-c prod rm x', '-cprod rm x', '-c=prod rm x', '--context=prod rm x', '-Dc prod rm x']) {
        const result = flags(line);
        assert.equal(result.globalFlags.context, 'prod', line);
        assert.deepEqual([result.class, result.targets], ['destroy', ['x']], line);
      }
    });

    it('-H / --host, the TLS flags with their values, --config, -D, -l', () => {
      assert.equal(flags('-H tcp://h:2376 rm x').globalFlags.host, 'tcp://h:2376');
      assert.equal(flags('--host=ssh://ops@h rm x').globalFlags.host, 'ssh://ops@h');
      assert.equal(flags('-Htcp://h:2375 rm x').globalFlags.host, 'tcp://h:2375');
      const tls = flags('--tlsverify --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem -H tcp://h:2376 system prune -a');
      assert.deepEqual(tls.globalFlags, { tlsVerify: true, tlsCaCert: 'ca.pem', tlsCert: 'cert.pem', tlsKey: 'key.pem', host: 'tcp://h:2376' });
      assert.equal(tls.operation, 'system prune --all');
      assert.deepEqual(flags('--config /tmp/cfg -D -l info --tls volume rm v').globalFlags, { config: '/tmp/cfg', debug: true, logLevel: 'info', tls: true });
      assert.deepEqual(flags('-Dl debug stop web').targets, ['web']);
      assert.equal(flags('--tlsverify=false rm x').globalFlags.tlsVerify, false);
    });

    it("a global flag after the subcommand is not docker's (docker rejects it): its value is not taken for a target", () => {
      const result = flags('rm --context prod x');
      assert.deepEqual([result.class, result.targets, result.globalFlags], ['destroy', ['x'], {}]);
    });
  });

  describe('targets hold names, never secrets', () => {
    const secretFree = (line: string | string[], secret: string) => {
      const text = JSON.stringify(classifyDockerArgs(words(line)));
      assert.ok(!text.includes(secret), text);
    };

    it('exec: the container only, not the environment or the command', () => {
      const line = ['exec', '-e', 'PASSWORD=hunter2', '--env=TOKEN=s3cr3t', 'db', 'psql', '-c', "ALTER USER app PASSWORD 'hunter2'"];
      assert.deepEqual(classifyDockerArgs(line).targets, ['db']);
      secretFree(line, 'hunter2');
      secretFree(line, 's3cr3t');
    });

    it('run: the image only', () => {
      const line = ['run', '--env', 'TOKEN=s3cr3t', '-v', '/a:/b', '--name', 'web', 'busybox', 'sh', '-c', 'echo s3cr3t'];
      assert.deepEqual(classifyDockerArgs(line).targets, ['busybox']);
      secretFree(line, 's3cr3t');
    });

    it('an option it does not know: its possible value is never a target', () => {
      assert.deepEqual(classifyDockerArgs(words('run --brand-new-option s3cr3t busybox')).targets, ['busybox']);
      assert.deepEqual(classifyDockerArgs(words('run --brand-new-option=s3cr3t busybox')).targets, ['busybox']);
    });

    it('login, swarm join, plugin settings, build args', () => {
      secretFree('login -u me -p s3cr3t registry.example', 's3cr3t');
      secretFree('login --password=s3cr3t registry.example', 's3cr3t');
      secretFree('swarm join --token SWMTKN-s3cr3t 127.10.0.1:2377', 's3cr3t');
      secretFree('plugin install vieux/sshfs sshkey.source=s3cr3t', 's3cr3t');
      secretFree('build --build-arg TOKEN=s3cr3t --secret id=npm,src=s3cr3t .', 's3cr3t');
      secretFree('compose exec -e TOKEN=s3cr3t web sh -c s3cr3t', 's3cr3t');
    });

    it('credentials in URLs are redacted', () => {
      assert.deepEqual(classifyDockerArgs(words('build https://ghp_s3cr3t@github.com/org/repo.git')).targets, ['https://***@github.com/org/repo.git']);
      assert.deepEqual(classifyDockerArgs(words('image import https://me:s3cr3t@example/a.tar app')).targets, ['https://***@example/a.tar', 'app']);
    });
  });

  // The same lines run through the real docker against recording engines: test/engines/guardOracle.test.ts.
  describe('booleans given values, --help shared by every level, a leading -- (pflag and cobra)', () => {
    check([
      ['rm --help=false -f x', 'destroy', 'container rm --force', ['x']],
      ['rm -h=false x', 'destroy', 'container rm', ['x']],
      ['rm --help --help=0 x', 'destroy', 'container rm', ['x']],
      ['--help --help=false rm -f x', 'destroy', 'container rm --force', ['x']],
      ['container --help=F rm x', 'destroy', 'container rm', ['x']],
      ['rm -fh x', 'read', 'container rm --help'],
      ['container --help rm x', 'read', 'container rm --help'],
      ['rm --force=FALSE x', 'destroy', 'container rm', ['x']],
      ['rm -f=0 -v=1 x', 'destroy', 'container rm --volumes', ['x']],
      ['rm -- --help', 'destroy', 'container rm', ['--help']],
      ['-- --debug rm -f x', 'destroy', 'container rm --force', ['x']],
      ['-- -c local rm x', 'destroy', 'container rm', ['x']],
      ['-- -- ps', 'read', 'help'],
    ]);
    it("global flags after a leading -- come too late to pick the context; a -H there is the default context's address", () => {
      assert.deepEqual(classifyDockerArgs(words('-- -c local rm x')).globalFlags, {});
      assert.deepEqual(classifyDockerArgs(words('-- -H unix:///b.sock rm x')).globalFlags, { lateHost: 'unix:///b.sock' });
      assert.equal(classifyDockerArgs(words('-H unix:///a.sock -- -- -H unix:///b.sock ps')).globalFlags.host, 'unix:///a.sock');
    });
  });

  describe('options that destroy, hidden and unknown options', () => {
    check([
      ['compose wait web', 'read', 'compose wait', ['web']],
      ['compose wait --down-project web', 'destroy', 'compose wait --down-project', ['web']],
      ['compose up -d -V', 'destroy', 'compose up --renew-anon-volumes'],
      ['compose up --scale web=0', 'destroy', 'compose up'],
      ['compose up --scale web=2', 'mutate', 'compose up'],
      ['compose create --remove-orphans', 'destroy', 'compose create --remove-orphans'],
      ['compose run --remove-orphans web sh', 'destroy', 'compose run --remove-orphans', ['web']],
      ['service update --replicas 0 api', 'destroy', 'service update', ['api']],
      ['service update --replicas=3 api', 'mutate', 'service update', ['api']],
      ['builder rm mybuilder', 'destroy', 'buildx rm', ['mybuilder']],
      ['builder history rm abc', 'destroy', 'buildx history rm', ['abc']],
      ['builder ls', 'read', 'buildx ls'],
      ['builder du', 'read', 'buildx du'],
      ['builder inspect', 'read', 'buildx inspect'],
      ['stack --orchestrator swarm rm app', 'destroy', 'stack rm', ['app']],
      ['stack deploy --orchestrator swarm --prune -c a.yml app', 'destroy', 'stack deploy --prune', ['app']],
      ['compose exec -i -t web sh', 'mutate', 'compose exec', ['web']],
      ['volume create --name data', 'mutate', 'volume create', []],
      // An option docker 28 does not know: each reading is weighed, the strongest wins.
      ['stack deploy --brand-new x --prune app', 'destroy', 'stack deploy --prune', ['app']],
      ['compose --brand-new x down', 'destroy', 'compose down'],
      ['rm -zf x', 'destroy', 'container rm', ['x']],
    ]);
  });

  describe('a container handed the host', () => {
    const access = (line: string) => classifyDockerArgs(words(line)).hostAccess;
    it('names every way, and none for an ordinary container', () => {
      assert.deepEqual(access('run --privileged busybox'), ['--privileged']);
      assert.deepEqual(access('run --pid host --net=host --ipc=host busybox'), ['--pid=host', '--ipc=host', '--net=host']);
      assert.deepEqual(access('create --cap-add SYS_ADMIN --cap-add=cap_sys_ptrace,NET_ADMIN busybox'), ['--cap-add=SYS_ADMIN', '--cap-add=cap_sys_ptrace']);
      assert.deepEqual(access('run -v /:/host -v /var/run/docker.sock:/var/run/docker.sock busybox'), ['bind of /', 'bind of /var/run/docker.sock']);
      assert.deepEqual(access('run --mount type=bind,src=/etc/,dst=/x busybox'), ['bind of /etc/']);
      assert.deepEqual(access('run --security-opt seccomp=unconfined busybox'), ['--security-opt=seccomp=unconfined']);
      assert.deepEqual(access('exec --privileged web sh'), ['--privileged']);
      assert.deepEqual(access('run -v data:/data -v /srv/app:/app --mount type=volume,src=/,dst=/x busybox'), []);
      assert.deepEqual(access('run --privileged=false busybox'), []);
      assert.deepEqual(access('volume create -o type=none -o o=bind -o device=/ root'), ['bind of /']);
      assert.deepEqual(access('run --mount type=volume,dst=/h,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/etc busybox'), ['bind of /etc']);
      assert.deepEqual(access('run -v /srv/app.sock:/app.sock busybox'), ['bind of /srv/app.sock']);
      assert.deepEqual(access('run busybox --privileged'), []);
    });
  });

  describe('subjects', () => {
    it('context commands act on the contexts they name, login and manifest on no engine, the rest on the engine', () => {
      assert.equal(classifyDockerArgs(words('context rm prod')).subject, 'contexts');
      assert.equal(classifyDockerArgs(words('context use prod')).subject, 'contexts');
      assert.equal(classifyDockerArgs(words('login registry')).subject, 'client');
      assert.equal(classifyDockerArgs(words('manifest rm app')).subject, 'client');
      assert.equal(classifyDockerArgs(words('rm x')).subject, 'engine');
      assert.equal(classifyDockerArgs(words('scout cves')).subject, 'engine');
    });
  });
});
