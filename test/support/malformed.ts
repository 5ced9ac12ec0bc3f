// Payloads that no channel accepts: wrong shapes, wrong types, unknown fields, hostile strings.
export const MALFORMED: unknown[] = [
  null,
  'agencies',
  42,
  [],
  [{ name: 'x' }],
  { unexpected: true },
  { agencyId: 'one', name: 7, sector: ['police'], statutoryPartner: 'yes', date: '31/12/2026', from: 'soon' },
  { agencyId: -1, officerId: 1.5, membershipId: 0, date: '2026-02-30', retiredOn: '2026-13-01', leftOn: '', to: 'never' },
  { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
  { name: "Robert'); DROP TABLE agency;--", sector: 'police', statutoryPartner: true, extra: '<script>alert(1)</script>' },
];
