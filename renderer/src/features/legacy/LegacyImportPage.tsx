import { useState } from 'react';
import { type LegacyPreview, type ValueKind } from '../../../../shared/domain/legacyRegister';
import { call } from '../../lib/api';
import { usePageTitle } from '../../lib/pageTitle';
import { CheckFileForm } from './CheckFileForm';
import { ChoicesForm } from './ChoicesForm';
import { ImportForm } from './ImportForm';
import { ImportProgress } from './ImportProgress';
import { LegacySummary } from './LegacySummary';
import { changedSince, choicesFrom, valuesToSend, type LegacyChoices, type LegacyFile } from './legacyChoices';
import { useLegacyImportJob } from './useLegacyImportJob';

interface Checked {
  file: LegacyFile;
  preview: LegacyPreview;
  choices: LegacyChoices;
}

/**
 * The coordinator brings the board's earlier cases in from its own spreadsheet: the desk reads the
 * whole file and says what it understood, the coordinator corrects the columns and the words it
 * did not know, and only a file with no problem is imported, all of it at once.
 */
export function LegacyImportPage() {
  usePageTitle('Import a legacy register');
  const [checked, setChecked] = useState<Checked | null>(null);
  // A new file starts the choices form afresh (its last "checked again" line was about the old file).
  const [fileChecks, setFileChecks] = useState(0);
  const importing = useLegacyImportJob();
  const running = importing.starting || importing.job?.state === 'running';

  const show = (file: LegacyFile, preview: LegacyPreview) => {
    importing.forget();
    setChecked({ file, preview, choices: choicesFrom(preview) });
    return preview;
  };
  // A corrected file keeps the words' meanings on the screen; its columns are read from its own headings.
  const checkFile = async (file: LegacyFile) => {
    const values = checked ? valuesToSend(checked.choices.values) : undefined;
    const preview = show(file, await call('legacy:preview', { ...file, ...(values ? { values } : {}) }));
    setFileChecks((n) => n + 1);
    return preview;
  };
  const checkAgain = async () => {
    if (!checked) throw new Error('Check the file first.');
    const { file, choices } = checked;
    return show(file, await call('legacy:preview', { ...file, columns: choices.columns, values: valuesToSend(choices.values) }));
  };
  const startImport = (remember: boolean) => {
    if (!checked) return;
    const { file, preview } = checked;
    void importing.start(() => call('legacy:import', { ...file, columns: preview.columns, values: preview.values, remember }));
  };

  // Once written, the summary is out of date (checked again, the same file shows its cases as already here).
  const shown = importing.job?.state === 'done' ? null : checked;

  // Matched words are sent by key ("csc"); the desk says how the file spells each ("CSC").
  const spelling = (kind: ValueKind, key: string) => checked?.preview.spellings[kind][key] ?? key;
  return (
    <>
      <h1>Import a legacy register</h1>
      <p className="lede">
        Bring the board’s earlier cases in from its own spreadsheet. The app reads the whole file and shows what it understood; nothing is
        written until every row can be taken, and then all of it is, in one go.
      </p>
      <section aria-labelledby="legacy-file-heading">
        <h2 id="legacy-file-heading">The register file</h2>
        <CheckFileForm busy={running} onCheck={checkFile} />
      </section>

      {shown && (
        <>
          <section aria-labelledby="legacy-summary-heading">
            <h2 id="legacy-summary-heading">{`What is in “${shown.preview.fileName}”`}</h2>
            <LegacySummary preview={shown.preview} />
          </section>
          <section aria-labelledby="legacy-choices-heading">
            <h2 id="legacy-choices-heading">What the app understood</h2>
            <ChoicesForm
              key={fileChecks}
              preview={shown.preview}
              choices={shown.choices}
              onChoices={(choices) => setChecked({ ...shown, choices })}
              spelling={spelling}
              busy={running}
              onCheckAgain={checkAgain}
            />
          </section>
        </>
      )}

      {(shown || importing.job || importing.error) && (
        <section aria-labelledby="legacy-import-heading">
          <h2 id="legacy-import-heading">Import</h2>
          {shown && importing.job?.state !== 'running' && (
            <ImportForm
              preview={shown.preview}
              changed={changedSince(shown.preview, shown.choices)}
              busy={importing.starting}
              error={importing.error}
              onImport={startImport}
            />
          )}
          {!shown && importing.error && <p role="alert">{importing.error.message}</p>}
          {importing.job && <ImportProgress job={importing.job} onCancel={() => void importing.cancel()} />}
        </section>
      )}
    </>
  );
}
