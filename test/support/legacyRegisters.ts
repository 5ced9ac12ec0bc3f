// A legacy register's headings as another board worded and ordered them: the legacy import's test
// and its benchmark both write files under these.
export const OTHER_BOARDS_HEADINGS = [
  'Ref',
  'Initials',
  'Date raised',
  'Raised by',
  'Disagreement with',
  'Type of concern',
  'Stage reached',
  'Outcome',
  'Date closed',
  'Notes',
];
