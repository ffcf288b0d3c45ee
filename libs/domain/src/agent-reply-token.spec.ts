import { agentMessageId, agentReplyAddress, agentReplyToken, findAgentReplyToken, verifyAgentReplyToken } from './agent-reply-token';

describe('agent reply token', () => {
  const secret = 'an installation secret';
  const reference = 'K7QM-2XHF-9WD3';
  const agent = '0191c3a4-0000-7000-8000-000000000001';
  const other = '0191c3a4-0000-7000-8000-000000000002';

  it('names the complaint only for the agent it was made for', () => {
    const token = agentReplyToken(secret, reference, agent);
    expect(verifyAgentReplyToken(secret, token, agent)).toBe(reference);
    expect(verifyAgentReplyToken(secret, token, other)).toBeNull();
    expect(verifyAgentReplyToken('another secret', token, agent)).toBeNull();
  });

  it('is refused when any character of it is changed', () => {
    const token = agentReplyToken(secret, reference, agent);
    const forged = token.slice(0, 5) + (token[5] === 'a' ? 'b' : 'a') + token.slice(6);
    expect(verifyAgentReplyToken(secret, forged, agent)).toBeNull();
    expect(verifyAgentReplyToken(secret, 'r' + 'x'.repeat(28), agent)).toBeNull();
    expect(verifyAgentReplyToken(secret, '', agent)).toBeNull();
  });

  it('fits in an address local part and survives a change of case', () => {
    const token = agentReplyToken(secret, reference, agent);
    const address = agentReplyAddress('care@shop.example', token);
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(findAgentReplyToken([address.toUpperCase()], [])).toBe(token);
    expect(verifyAgentReplyToken(secret, token.toUpperCase(), agent)).toBe(reference);
  });

  it('is found in the Message-ID a reply answers when the Reply-To was not used', () => {
    const token = agentReplyToken(secret, reference, agent);
    const id = agentMessageId(token, '0191c3a4-aaaa-7000-8000-0000000000ff', 'plaint.shop.example');
    expect(findAgentReplyToken(['care@shop.example'], ['<other@mail.example>', `<${id}>`])).toBe(token);
    expect(findAgentReplyToken(['care@shop.example'], ['<other@mail.example>'])).toBeNull();
  });
});
