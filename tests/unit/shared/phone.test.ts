import { describe, expect, it } from 'vitest';
import { formatPhone, normalisePhone, phoneQueryPrefix, phoneSearchKeys, rememberPhone, whatsappLink } from '../../../src/shared/domain/phone.js';

describe('normalisePhone: every Indonesian way of typing a number gives one E.164', () => {
  const mobile = '+6281234567890';
  it.each([
    '081234567890',
    '0812-3456-7890',
    '0812 3456 7890',
    '(0812) 3456-7890',
    '81234567890',
    '812 3456 7890',
    '6281234567890',
    '62-812-3456-7890',
    '+6281234567890',
    '+62 812 3456 7890',
    '+62 (812) 3456-7890',
    ' 0812.3456.7890 ',
  ])('%s -> +6281234567890 (mobile)', (typed) => {
    expect(normalisePhone(typed)).toEqual({ e164: mobile, kind: 'mobile', display: '0812-3456-7890' });
  });

  it.each([
    ['(021) 555-1234', '+62215551234', '(021) 5551234'],
    ['021 5551234', '+62215551234', '(021) 5551234'],
    ['+62 21 5551234', '+62215551234', '(021) 5551234'],
    ['62215551234', '+62215551234', '(021) 5551234'],
    ['0274 512345', '+62274512345', '(0274) 512345'],
    ['(0361) 234567', '+62361234567', '(0361) 234567'],
  ])('landline %s -> %s', (typed, e164, display) => {
    expect(normalisePhone(typed)).toEqual({ e164, kind: 'landline', display });
  });

  it.each(['', 'abc', '0812', '12', '0812-3456-7890-1234-5', '08123456789a', '+1 0812', '000000000000'])(
    'refuses %j',
    (typed) => {
      expect(normalisePhone(typed)).toBeNull();
    },
  );

  it('formats and links a stored number', () => {
    expect(formatPhone('+6285712345678')).toBe('0857-1234-5678');
    expect(whatsappLink('+6285712345678')).toBe('https://wa.me/6285712345678');
  });
});

describe('phone search keys and query prefixes meet in the middle', () => {
  const keys = phoneSearchKeys('+6281234567890');
  it.each(['0812', '0812-34', '+62 812 345', '62812', '812 3456', '081234567890'])('typed %s is a prefix of a key', (typed) => {
    const prefix = phoneQueryPrefix(typed);
    expect(prefix).not.toBeNull();
    expect(keys.some((k) => k.startsWith(prefix!))).toBe(true);
  });
  it('text is not a phone query', () => {
    expect(phoneQueryPrefix('budi')).toBeNull();
    expect(phoneQueryPrefix('08')).toBeNull();
  });
});

describe('the phone cache', () => {
  it('answers the same after far more numbers than it holds (two generations, the older one dropped whole)', () => {
    const numbers = Array.from({ length: 40_000 }, (_, i) => `0878-${String(1000_0000 + i)}`);
    const first = numbers.map((n) => normalisePhone(n)?.e164);
    expect(first[0]).toBe('+6287810000000');
    expect(first[39_999]).toBe('+6287810039999');
    // A second pass over cached and evicted numbers alike gives the same answers.
    for (let i = 39_999; i >= 0; i -= 7) expect(normalisePhone(numbers[i])?.e164).toBe(first[i]);
  });

  it('takes what another thread made of a number (rememberPhone), display worked out when asked', () => {
    rememberPhone('0811 7000 1234', '+6281170001234', 'mobile');
    const n = normalisePhone('0811 7000 1234');
    expect(n).toMatchObject({ e164: '+6281170001234', kind: 'mobile' });
    expect(n?.display).toBe(normalisePhone('0811-7000-1234')?.display);
    expect(formatPhone('+6281170001234')).toBe(n?.display);
  });
});
