/**
 * The team's call diff, run inside Redis so that every instance, webhook and
 * poll agree on it atomically. It follows the app's own diff
 * (`main/core/events/call-diff.ts`): a call rings once, the first time it is
 * seen ringing (inbound only); a call first met past ringing is `seen`; a
 * move into connected or ended is that event; anything else is `updated`.
 * Two rules the team adds (contract §4, delivery undocumented):
 *
 * - duplicates are dropped by call id + status (a webhook and a poll saying
 *   the same thing make one entry; fields they add are merged silently);
 * - a status that goes backwards (ringing after connected, say) is not
 *   applied but returned as `stale`, so the caller confirms with
 *   `GET /v1/calls/{id}` and applies what Pilot Status says now (`force`).
 *
 * Who took the call comes from its claim (first accept wins) and rides on the
 * first entry after it, so everyone learns "answered by <name>" from the
 * stream, whichever path reported the answer.
 *
 * KEYS: call hash, stream, the number's live set, the call's claim.
 * ARGV: snapshot JSON, status, kind, rank, outbound(0/1), number, trim MINID,
 *       hash TTL seconds, source, at (ms), force(0/1).
 * Returns {type | 'dup' | 'stale', stream id or '', merged snapshot JSON}.
 */
export const intakeLua = `
local prev = redis.call('HMGET', KEYS[1], 'status', 'kind', 'rank', 'rung', 'call', 'answeredBy')
local incoming = cjson.decode(ARGV[1])
local merged = incoming
if prev[5] then
  merged = cjson.decode(prev[5])
  for k, v in pairs(incoming) do
    if v ~= cjson.null then merged[k] = v end
  end
  merged['status'] = incoming['status']
end
local kind = ARGV[3]
local answeredBy = prev[6]
local newAnswer = false
if not answeredBy and kind ~= 'ringing' then
  local claim = redis.call('GET', KEYS[4])
  if claim then
    local c = cjson.decode(claim)
    if c['action'] ~= 'reject' then
      answeredBy = cjson.encode({agentId = c['agentId'], name = c['name']})
      newAnswer = true
    end
  end
end
local mergedJson = cjson.encode(merged)
if prev[1] == ARGV[2] and not newAnswer then
  redis.call('HSET', KEYS[1], 'call', mergedJson)
  redis.call('EXPIRE', KEYS[1], ARGV[8])
  return {'dup', '', mergedJson}
end
if prev[1] and ARGV[11] ~= '1' and tonumber(ARGV[4]) < tonumber(prev[3]) then
  return {'stale', '', prev[5]}
end
local rung = prev[4] == '1'
local t
if kind == 'ringing' and ARGV[5] == '0' and not rung then
  t = 'ringing'
  rung = true
elseif not prev[1] then
  t = 'seen'
elseif kind ~= prev[2] and (kind == 'connected' or kind == 'ended') then
  t = kind
else
  t = 'updated'
end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'kind', kind, 'rank', ARGV[4], 'rung', rung and '1' or '0',
  'call', mergedJson, 'number', ARGV[6], 'at', ARGV[10])
if answeredBy then redis.call('HSET', KEYS[1], 'answeredBy', answeredBy) end
redis.call('EXPIRE', KEYS[1], ARGV[8])
if kind == 'ringing' or kind == 'connected' then
  redis.call('SADD', KEYS[3], incoming['id'])
else
  redis.call('SREM', KEYS[3], incoming['id'])
end
local event = '{"kind":"call","type":"' .. t .. '","number":' .. cjson.encode(ARGV[6]) .. ',"at":' .. ARGV[10] ..
  ',"source":"' .. ARGV[9] .. '","call":' .. mergedJson
if answeredBy then event = event .. ',"answeredBy":' .. answeredBy end
event = event .. '}'
local id = redis.call('XADD', KEYS[2], 'MINID', '~', ARGV[7], '*', 'e', event)
return {t, id, mergedJson}
`;

/** How far along a call is; a lower rank after a higher one is out of order. Unknown statuses rank lowest. */
export const rankOf = { other: 0, ringing: 1, connected: 2, ended: 3 } as const;
