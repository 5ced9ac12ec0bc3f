/**
 * The <option>s most drop-downs are made of, written once so every list of a kind reads the same.
 * Each goes inside the page's own <select>, after any "choose" or "any" option it needs.
 */

/** Value and words of each option, in order. */
function Choices({ choices }: { choices: readonly (readonly [string | number, string])[] }) {
  return (
    <>
      {choices.map(([value, words]) => (
        <option key={value} value={value}>
          {words}
        </option>
      ))}
    </>
  );
}

/** One option per entry of a value-to-words map, in the map's order (the shared domain's label maps). */
export function LabelOptions({ labels }: { labels: Readonly<Record<string, string>> }) {
  return <Choices choices={Object.entries(labels)} />;
}

/** A policy's stages as choices, named as the case page names them: "Stage 2: Team manager". */
export function StageOptions({ stages }: { stages: readonly { number: number; name: string }[] }) {
  return <Choices choices={stages.map((s) => [s.number, `Stage ${s.number}: ${s.name}`] as const)} />;
}

/** Records with an id and a name (agencies, categories) as choices; the id is the value. */
export function NamedOptions({ items }: { items: readonly { id: number; name: string }[] }) {
  return <Choices choices={items.map((item) => [item.id, item.name] as const)} />;
}
