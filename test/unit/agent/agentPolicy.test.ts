/**
 * The agent policy over every tier, transport, class, production mode and elevation: it never
 * lets an agent through where the person's policy would not (an agent gets less power, never
 * more), never accepts a typed name, answers a y/N only through the surface's person (VS Code) or
 * an open elevation (MCP), and refuses every change when read-only; and an agent's every
 * request, reads and local ones too, makes an audit record, where a person's reads do not.
 */
import * as assert from 'node:assert/strict';

import { agentPolicy, AgentRefused } from '../../../src/core/agent/agentPolicy';
import { auditRecordOf } from '../../../src/core/audit/auditRecord';
import type { ListedContext } from '../../../src/core/contexts/contextList';
import { tiers } from '../../../src/core/contexts/tiers';
import type { Elevation } from '../../../src/core/guard/elevations';
import type { GuardDecision, GuardRequest, OperationClass } from '../../../src/core/guard/guard';
import { confirmationFor, defaultGuardSettings, type GuardSettings } from '../../../src/core/guard/guardPolicy';

const elevation = { id: 'e1', reason: 'INC-1' } as Elevation;

function request(tier: ListedContext['tier'], transport: ListedContext['transport'], operationClass: OperationClass): GuardRequest {
  const context = { name: 'ctx', host: transport === 'unix' ? 'unix:///s' : 'tcp://127.0.0.1:2376', transport, tier, tierSource: 'setting' } as ListedContext;
  return { context, operation: 'container rm', operationClass, targets: ['web'], source: 'agent', tool: 'docker_remove_container' };
}

async function decide(policy: ReturnType<typeof agentPolicy>, guardRequest: GuardRequest): Promise<GuardDecision | AgentRefused> {
  try {
    return (await policy(guardRequest)) as GuardDecision;
  } catch (error) {
    assert.ok(error instanceof AgentRefused, String(error));
    return error;
  }
}

describe('agent policy', () => {
  const modes: GuardSettings[] = [
    defaultGuardSettings,
    { ...defaultGuardSettings, production: 'typeName' },
    { ...defaultGuardSettings, production: 'typeName', typeNameOnProduction: false, includeLocal: true },
  ];
  for (const settings of modes)
    for (const tier of tiers)
      for (const transport of ['unix', 'tls'] as const)
        for (const operationClass of ['read', 'mutate', 'destroy'] as const)
          for (const elevated of [false, true])
            for (const personConfirms of [false, true]) {
              const name = `${settings.production}/${settings.includeLocal ? 'local too' : ''} ${tier} ${transport} ${operationClass}${elevated ? ' elevated' : ''}${personConfirms ? ' (VS Code)' : ' (MCP)'}`;
              it(name, async () => {
                const guardRequest = request(tier, transport, operationClass);
                const policy = agentPolicy({
                  settings: () => settings,
                  elevationOf: () => (elevated ? elevation : undefined),
                  confirmedByPerson: () => personConfirms,
                });
                const needed = confirmationFor(guardRequest, settings, elevated && operationClass !== 'read');
                const decision = await decide(policy, guardRequest);
                if (needed === 'none') assert.equal((decision as GuardDecision).allowed, true);
                else if (needed === 'refuse') assert.match((decision as AgentRefused).message, new RegExp(`"ctx" is ${tier} and read-only.*An agent cannot`));
                else if (needed === 'typeName') assert.match((decision as AgentRefused).message, /typed by a person, which an agent cannot do/);
                else if (personConfirms) assert.equal((decision as GuardDecision).confirmedBy, 'answer');
                else if (elevated) assert.equal((decision as GuardDecision).confirmedBy, 'elevation');
                else assert.match((decision as AgentRefused).message, /no one was asked \(over MCP and in an agent's terminal no one can be\)/);
                const readOnly = await decide(
                  agentPolicy({ settings: () => settings, elevationOf: () => elevation, confirmedByPerson: () => personConfirms, readOnly: true }),
                  guardRequest,
                );
                if (operationClass === 'read') assert.equal((readOnly as GuardDecision).allowed, true);
                else assert.match((readOnly as AgentRefused).message, /--read-only/);
              });
            }

  it('an agent request makes an audit record whatever it is (a read on a local engine too); a person’s read makes none', () => {
    const read = request('local', 'unix', 'read');
    assert.deepEqual(
      [auditRecordOf({ request: read, outcome: 'done' })?.source, auditRecordOf({ request: read, outcome: 'done' })?.tool],
      ['agent', 'docker_remove_container'],
    );
    assert.equal(auditRecordOf({ request: { ...read, source: 'ui', tool: undefined }, outcome: 'done' }), undefined);
    assert.equal(auditRecordOf({ request: { ...request('local', 'unix', 'destroy'), source: 'terminal' }, outcome: 'done' }), undefined);
    assert.equal(auditRecordOf({ request: request('local', 'unix', 'destroy'), outcome: 'done' })?.class, 'destroy');
  });
});
