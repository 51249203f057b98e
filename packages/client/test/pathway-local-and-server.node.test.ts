// The same learner's credentials, evaluated on the server (pathways.milestones) and locally
// (verify → recordsFromVerified → evaluatePathway), give the same names and shapes: `nodes` keyed
// by node id with the same states, and `awarded` naming the same node and achievement.
import { describe, it, before, after, expect } from '@col/harness';
import { evaluatePathway, recordsFromVerified } from '@citiesoflearning/core';
import { createClient, verify } from '@citiesoflearning/client';
import { startTestServer } from './support/node-server.js';
import type { TestServer } from './support/server.js';

describe('pathway progress: local and server agree', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => server?.close());

  it('same nodes, states and milestone awards from the same verified credentials', async () => {
    const admin = createClient({ baseUrl: server.url, apiKey: server.adminKey });
    const email = 'local-and-server@example.org';
    const earned = ['digital-foundations', 'online-communicator', 'information-handler', 'online-transactions'];
    const awards = [];
    for (const achievement of earned) awards.push(await admin.claims.create({ achievement, recipient: { email } }));
    const credentials = awards.map((a) => a.credential);

    const col = createClient({ baseUrl: server.url });
    const onServer = await col.pathways.milestones('digital-ready-brightwater', { recipient: { email }, credentials });

    const pathway = await col.pathways.get('digital-ready-brightwater');
    // The test server is on loopback, which verify() reaches only when told to.
    const items = await Promise.all(credentials.map(async (credential) => ({ credential, report: await verify(credential, { recipient: email, allowPrivateNetwork: true }) })));
    const { records, skipped } = recordsFromVerified(items);
    expect(skipped).to.deep.equal([]);
    const local = evaluatePathway(pathway, records, { learner: 'learner-local', asOf: onServer.asOf });

    expect(Object.keys(local.nodes).sort()).to.deep.equal(Object.keys(onServer.nodes).sort());
    for (const [id, node] of Object.entries(local.nodes)) {
      expect([node.state, node.satisfied, node.progress], id).to.deep.equal([onServer.nodes[id]?.state, onServer.nodes[id]?.satisfied, onServer.nodes[id]?.progress]);
    }
    expect([local.satisfied, local.state]).to.deep.equal([onServer.satisfied, onServer.state]);
    expect(local.awarded.map((a) => [a.node, a.achievement])).to.deep.equal(onServer.awarded.filter((a) => a.new).map((a) => [a.node, a.achievement]));
    expect(local.awarded.length).to.be.greaterThan(0); // the milestone was really earned
  });
});
