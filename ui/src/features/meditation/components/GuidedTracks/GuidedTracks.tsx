import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { ConfirmDialog } from "../../../../components/ConfirmDialog";
import { ErrorState, InlineError, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { AmbientKind, GuidedTrack, Settings } from "../../../../lib/backend";
import { formatClock } from "../../../breathing/format";
import { AMBIENT_KINDS } from "../../../settings/components/SoundSettings";
import {
  useDeleteTrack,
  useGuidedTracks,
  useTrackControl,
  useTrackPlayback,
  useTrackVolume,
  useUpdateTrack,
} from "../../hooks/tracks";
import {
  GUIDED_KINDS,
  LENGTH_FILTERS,
  NO_FILTER,
  isTrackLanguage,
  matches,
  type TrackFilter,
} from "../../tracks";
import { TrackImport } from "../TrackImport";
import { TrackPlayer } from "../TrackPlayer";
import { TrackScript } from "../TrackScript";
import listStyles from "../../../../styles/listSection.module.css";
import fields from "../../fields.module.css";
import styles from "./GuidedTracks.module.css";

export interface GuidedTracksProps {
  profileId: string;
  /** The profile's settings: its ambient bed is the background sound offered first. */
  settings: Settings;
}

/**
 * The guided tracks of the Meditation page: import one, filter the library (type, length,
 * favourites), play one with a background sound, and the player of the one loaded.
 */
export function GuidedTracks({ profileId, settings }: GuidedTracksProps) {
  const t = useT();
  const copy = t.tracks;
  const id = useId();
  const tracks = useGuidedTracks(profileId);
  const playback = useTrackPlayback(profileId);
  const control = useTrackControl(profileId);
  const update = useUpdateTrack(profileId);
  const remove = useDeleteTrack(profileId);
  const setVolume = useTrackVolume();
  const [filter, setFilter] = useState<TrackFilter>(NO_FILTER);
  const [ambient, setAmbient] = useState<AmbientKind | null>(
    settings.ambientOn ? settings.ambientSound : null,
  );
  const [volume, setVolumeShown] = useState(100);
  const [confirming, setConfirming] = useState<GuidedTrack | null>(null);

  const loaded = playback.data ?? null;
  const loadedTrack =
    loaded === null ? undefined : tracks.data?.find((track) => track.id === loaded.trackId);

  const play = (trackId: string, fromMs: number | null, bed: AmbientKind | null = ambient) => {
    control.mutate({ kind: "play", trackId, fromMs, ambient: bed });
  };

  const bedSelect = (
    <div className={fields.field}>
      <label htmlFor={`${id}-bed`} className={fields.label}>
        {copy.ambient}
      </label>
      <select
        id={`${id}-bed`}
        className={fields.select}
        value={ambient ?? ""}
        onChange={(e) => {
          const value = e.target.value;
          const bed = AMBIENT_KINDS.find((kind) => kind === value) ?? null;
          setAmbient(bed);
          // A track playing now plays on from where it is with the new bed.
          if (loaded?.playing === true) play(loaded.trackId, loaded.positionMs, bed);
        }}
      >
        <option value="">{t.meditation.ambientNone}</option>
        {AMBIENT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t.meditation.beds[kind]}
          </option>
        ))}
      </select>
    </div>
  );

  const all = tracks.data ?? [];
  const shown = all.filter((track) => matches(track, filter));

  return (
    <section className={`${listStyles.section} ${styles.section}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className={listStyles.title}>
        {copy.title}
      </h2>
      <TrackImport profileId={profileId} />
      {loaded !== null ? (
        <TrackPlayer
          title={loadedTrack?.title ?? ""}
          playback={loaded}
          pending={control.isPending}
          error={control.error ?? setVolume.error}
          volume={volume}
          onPause={() => {
            control.mutate({ kind: "pause" });
          }}
          onResume={() => {
            play(loaded.trackId, loaded.ended ? 0 : null);
          }}
          onStop={() => {
            control.mutate({ kind: "stop" });
          }}
          onSeek={(positionMs) => control.mutateAsync({ kind: "seek", positionMs })}
          onVolume={(next) => {
            setVolumeShown(next);
            setVolume.mutate(next);
          }}
        >
          {bedSelect}
        </TrackPlayer>
      ) : null}
      {tracks.isPending ? (
        <Loading />
      ) : tracks.isError ? (
        <ErrorState error={tracks.error} onRetry={() => void tracks.refetch()} />
      ) : all.length === 0 ? (
        <p className={listStyles.muted}>{copy.empty}</p>
      ) : (
        <>
          <fieldset className={styles.filters}>
            <legend className="visually-hidden">{copy.filters}</legend>
            <div className={fields.field}>
              <label htmlFor={`${id}-kind`} className={fields.label}>
                {copy.filterKind}
              </label>
              <select
                id={`${id}-kind`}
                className={fields.select}
                value={filter.kind ?? ""}
                onChange={(e) => {
                  const value = e.target.value;
                  setFilter({ ...filter, kind: GUIDED_KINDS.find((k) => k === value) ?? null });
                }}
              >
                <option value="">{copy.allKinds}</option>
                {GUIDED_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {copy.kinds[kind]}
                  </option>
                ))}
              </select>
            </div>
            <div className={fields.field}>
              <label htmlFor={`${id}-length`} className={fields.label}>
                {copy.filterLength}
              </label>
              <select
                id={`${id}-length`}
                className={fields.select}
                value={filter.length}
                onChange={(e) => {
                  const value = e.target.value;
                  setFilter({
                    ...filter,
                    length: LENGTH_FILTERS.find((l) => l === value) ?? "all",
                  });
                }}
              >
                {LENGTH_FILTERS.map((length) => (
                  <option key={length} value={length}>
                    {copy.lengths[length]}
                  </option>
                ))}
              </select>
            </div>
            <label className={styles.check}>
              <input
                type="checkbox"
                checked={filter.favouritesOnly}
                onChange={(e) => {
                  setFilter({ ...filter, favouritesOnly: e.target.checked });
                }}
              />
              {copy.favouritesOnly}
            </label>
            {loaded === null ? bedSelect : null}
          </fieldset>
          {shown.length === 0 ? (
            <p className={listStyles.muted}>{copy.noMatch}</p>
          ) : (
            <ul className={listStyles.list} aria-labelledby={`${id}-title`}>
              {shown.map((track) => (
                <TrackItem
                  key={track.id}
                  profileId={profileId}
                  track={track}
                  loaded={loaded?.trackId === track.id}
                  pending={control.isPending}
                  onFavourite={() => {
                    update.mutate({
                      trackId: track.id,
                      changes: { favourite: !track.favourite },
                    });
                  }}
                  onPlay={() => {
                    play(track.id, null);
                  }}
                  onDelete={() => {
                    remove.reset();
                    setConfirming(track);
                  }}
                />
              ))}
            </ul>
          )}
          <InlineError error={update.error ?? (loaded === null ? control.error : null)} />
        </>
      )}
      {confirming !== null ? (
        <ConfirmDialog
          title={copy.deleteTitle}
          description={copy.deleteText(confirming.title)}
          confirmLabel={copy.delete}
          pending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            setConfirming(null);
          }}
          onConfirm={() => {
            remove.mutate(confirming.id, {
              onSuccess: () => {
                setConfirming(null);
              },
            });
          }}
        />
      ) : null}
    </section>
  );
}

function TrackItem({
  profileId,
  track,
  loaded,
  pending,
  onFavourite,
  onPlay,
  onDelete,
}: {
  profileId: string;
  track: GuidedTrack;
  /** Whether it is the track in the player. */
  loaded: boolean;
  pending: boolean;
  onFavourite: () => void;
  onPlay: () => void;
  onDelete: () => void;
}) {
  const t = useT();
  const copy = t.tracks;
  const scriptId = useId();
  const [reading, setReading] = useState(false);
  // Only the voice makes WAV tracks; a written-for-you one's script is read when asked for.
  const spoken = track.format === "wav";
  const language = isTrackLanguage(track.language)
    ? copy.languages[track.language]
    : track.language.toUpperCase();
  const details = [copy.kinds[track.kind], formatClock(track.durationMs), language];
  return (
    <li
      className={[listStyles.rowItem, styles.item, loaded ? styles.loaded : ""]
        .filter(Boolean)
        .join(" ")}
    >
      <div className={styles.itemText}>
        <span className={styles.trackTitle}>{track.title}</span>
        <span className={listStyles.muted}>{details.join(" · ")}</span>
        {track.positionMs > 0 ? (
          <span className={styles.resumeAt}>
            {copy.continueFrom(formatClock(track.positionMs))}
          </span>
        ) : null}
      </div>
      <div className={styles.itemActions}>
        <button
          type="button"
          className={styles.favourite}
          aria-pressed={track.favourite}
          aria-label={copy.favourite(track.title)}
          onClick={onFavourite}
        >
          <span aria-hidden="true">{track.favourite ? "★" : "☆"}</span>
        </button>
        <Button
          variant="primary"
          aria-label={copy.playTrack(track.title)}
          disabled={pending}
          onClick={onPlay}
        >
          {copy.play}
        </Button>
        {spoken ? (
          <Button
            variant="ghost"
            aria-label={copy.script.readTrack(track.title)}
            aria-expanded={reading}
            aria-controls={reading ? scriptId : undefined}
            onClick={() => {
              setReading(!reading);
            }}
          >
            {copy.script.read}
          </Button>
        ) : null}
        <Button variant="ghost" aria-label={copy.deleteTrack(track.title)} onClick={onDelete}>
          {copy.delete}
        </Button>
      </div>
      {reading ? <TrackScript id={scriptId} profileId={profileId} trackId={track.id} /> : null}
    </li>
  );
}
