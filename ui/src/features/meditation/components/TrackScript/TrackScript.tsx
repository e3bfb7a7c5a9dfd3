import { InlineError, Loading } from "../../../../components/StatusView";
import { useLocale, useT } from "../../../../i18n";
import { useTrackScript } from "../../hooks/tracks";
import listStyles from "../../../../styles/listSection.module.css";
import styles from "./TrackScript.module.css";

/** A script's `[PAUSE 5s]` markers (any case, as the core reads them), the seconds captured. */
const PAUSE = /\[\s*pause\s*(\d+(?:\.\d+)?)\s*s\s*\]/gi;

export type ScriptBlock = { kind: "text"; text: string } | { kind: "pause"; seconds: number };

/** A script as what is said, paragraph by paragraph, and its pauses. */
export function scriptBlocks(script: string): ScriptBlock[] {
  const blocks: ScriptBlock[] = [];
  const said = (text: string) => {
    for (const line of text.split(/\n+/)) {
      const trimmed = line.trim();
      if (trimmed !== "") blocks.push({ kind: "text", text: trimmed });
    }
  };
  let from = 0;
  for (const match of script.matchAll(PAUSE)) {
    said(script.slice(from, match.index));
    blocks.push({ kind: "pause", seconds: Number(match[1]) });
    from = match.index + match[0].length;
  }
  said(script.slice(from));
  return blocks;
}

/** The script a track was spoken from, read when shown; a track not written for the person has none. */
export function TrackScript({
  id,
  profileId,
  trackId,
}: {
  /** The element's id (the disclosure button controls it). */
  id: string;
  profileId: string;
  trackId: string;
}) {
  const t = useT();
  const locale = useLocale();
  const copy = t.tracks.script;
  const script = useTrackScript(profileId, trackId);
  return (
    <div id={id} className={styles.script}>
      {script.isPending ? (
        <Loading />
      ) : script.isError ? (
        <InlineError error={script.error} />
      ) : script.data === null ? (
        <p className={listStyles.muted}>{copy.none}</p>
      ) : (
        scriptBlocks(script.data).map((block, i) =>
          block.kind === "pause" ? (
            <p key={i} className={styles.pause}>
              {copy.pause(block.seconds.toLocaleString(locale))}
            </p>
          ) : (
            <p key={i}>{block.text}</p>
          ),
        )
      )}
    </div>
  );
}
