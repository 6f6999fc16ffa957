import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logging/logger';
import { FileBacklogStore } from '../../main/core/team/backlog-file';
import type { PendingAnnotation } from '../../main/core/team/annotation-backlog';
import { poll, TeamFixture } from '../support/team-harness';
import { sharedTeamInfra } from '../support/team-infra-hooks';

let team: TeamFixture;
const infra = sharedTeamInfra(() => team);

const note = (callId: string, notes: string, editedAt: number, extra: Partial<PendingAnnotation> = {}): PendingAnnotation => ({
  callId,
  notes,
  disposition: 'resolvido',
  tags: ['vip'],
  contactName: null,
  editedAt,
  ...extra,
});

describe('annotation backlog: notes reach the team history once, whatever happens on the way', () => {
  it('an agent offline for a while keeps its notes on disk and uploads them on return; repeats and older edits change nothing', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { intervalMs: 100, activeIntervalMs: 50 });
    const server = await team.start();
    const token = await team.addAgent('Ana', ['support']);
    const file = join(team.dir.path, 'profile', 'team-backlog.json');
    const { simulator } = team.sim;
    const numberId = team.simNumber('support').id;
    const calls = [1, 2, 3].map((i) => simulator.incomingCall({ numberId, from: `+551190000000${i}` }));
    const pool = team.pool();
    const rows = () => pool.query('SELECT id, notes, disposition, tags, annotated_at, annotated_by, updated_at FROM calls ORDER BY id');
    await poll(rows, (r) => r.rows.length === 3, 'the calls in the team history');

    // Offline: the app records edits with no team server to send them to.
    let ana = team.agent('Ana', token, [server.url], { backlog: new FileBacklogStore(file, silentLogger()) });
    await ana.line.backlog.load();
    const base = Date.now();
    await ana.line.annotate(note(calls[0]!.id, 'first draft', base));
    await ana.line.annotate(note(calls[0]!.id, 'Cliente pediu retorno', base + 10));
    await ana.line.annotate(note(calls[1]!.id, 'Quer mudar o plano', base + 20, { tags: ['vip', 'VIP', ' urgente '], disposition: null }));
    await ana.line.annotate(note(calls[2]!.id, 'Segunda via do boleto', base + 30));
    await ana.line.annotate(note('call_nobody_knows', 'lost cause', base + 40));
    expect((JSON.parse(readFileSync(file, 'utf8')) as PendingAnnotation[]).map((i) => i.notes)).toEqual([
      'Cliente pediu retorno',
      'Quer mudar o plano',
      'Segunda via do boleto',
      'lost cause',
    ]);
    ana.stop();

    // The app starts again (a new line over the same file) and the server is reachable: everything goes up.
    ana = team.agent('Ana', token, [server.url], { backlog: new FileBacklogStore(file, silentLogger()) });
    await ana.connect();
    await ana.waitFor(() => ana.line.view().backlog === 0, 'the backlog uploaded');
    const uploaded = (await rows()).rows;
    expect(uploaded.map((r) => [r.notes, r.disposition, r.tags, r.annotated_by])).toEqual(
      [
        [calls[0]!.id, 'Cliente pediu retorno', 'resolvido', '["vip"]'],
        [calls[1]!.id, 'Quer mudar o plano', null, '["vip", "urgente"]'.replace(', ', ',')],
        [calls[2]!.id, 'Segunda via do boleto', 'resolvido', '["vip"]'],
      ]
        .sort((a, b) => a[0]!.localeCompare(b[0]!))
        .map(([, notes, disposition, tags]) => [notes, disposition, tags, 'Ana']),
    );
    // The call the team never knew was refused for good, not retried forever.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([]);

    // The same uploads again (a lost answer, a crash before the file was saved): nothing changes.
    const before = (await rows()).rows;
    for (const item of [note(calls[0]!.id, 'Cliente pediu retorno', base + 10), note(calls[2]!.id, 'Segunda via do boleto', base + 30)]) {
      expect(await ana.line.connection.request('history.annotate', item)).toEqual({ callId: item.callId, applied: true });
    }
    // An older edit arriving late is not applied.
    expect(await ana.line.connection.request('history.annotate', note(calls[0]!.id, 'first draft', base))).toEqual({ callId: calls[0]!.id, applied: false });
    const after = (await rows()).rows;
    expect(after.map((r) => [r.id, r.notes, r.disposition, r.tags, r.annotated_at])).toEqual(before.map((r) => [r.id, r.notes, r.disposition, r.tags, r.annotated_at]));
  });

  it('an upload for a call the history writer has not reached yet is written with the call, not lost', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { intervalMs: 100, activeIntervalMs: 50 });
    const server = await team.start();
    const ana = await team.agent('Ana', await team.addAgent('Ana', ['support']), [server.url]).connect();
    const call = team.sim.simulator.incomingCall({ numberId: team.simNumber('support').id, from: '+5511900000009' });
    await ana.waitFor(() => ana.rings.get(call.id) === 1, 'rings');
    const pool = team.pool();
    await poll(() => pool.query('SELECT 1 FROM calls WHERE id = $1', [call.id]), (r) => r.rows.length === 1, 'the call in the history');
    await pool.query('DELETE FROM calls WHERE id = $1', [call.id]); // as if the writer were behind
    await ana.line.annotate(note(call.id, 'Elogiou o atendimento', Date.now()));
    const { rows } = await pool.query('SELECT notes, peer_number, account_id FROM calls WHERE id = $1', [call.id]);
    expect(rows).toEqual([{ notes: 'Elogiou o atendimento', peer_number: '+5511900000009', account_id: 'support' }]);
  });

  it('an agent cannot annotate another number\'s call; a damaged backlog file is set aside, not fatal', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }, { id: 'sales', provider: 'EVO_GO' }], { intervalMs: 100, activeIntervalMs: 50 });
    const server = await team.start();
    const bruno = await team.agent('Bruno', await team.addAgent('Bruno', ['sales']), [server.url]).connect();
    const call = team.sim.simulator.incomingCall({ numberId: team.simNumber('support').id, from: '+5511900000010' });
    await poll(() => team.redis().hget(`pt:{${team.team}}:call:${call.id}`, 'number'), (n) => n === 'support', 'the call known');
    await expect(bruno.line.connection.request('history.annotate', note(call.id, 'not mine', Date.now()))).rejects.toMatchObject({ status: 403, code: 'NUMBER_NOT_ALLOWED' });

    const file = join(team.dir.path, 'damaged.json');
    writeFileSync(file, '{"not": "a list"');
    expect(await new FileBacklogStore(file, silentLogger()).load()).toEqual([]);
  });
});
