import { useId } from "react";
import { Button } from "../../../../components/Button";
import { ProgressBar } from "../../../../components/ProgressBar";
import { ErrorState, InlineError, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type {
  MeditationSeries as Series,
  SeriesDay,
  SeriesId,
  Settings,
} from "../../../../lib/backend";
import { formatDay } from "../../../../lib/days";
import { useJobProgress } from "../../../settings/hooks/useJobProgress";
import {
  useMeditationSeries,
  useSeriesDayTrack,
  useTrackControl,
  useTrackPlayback,
  useVoiceBusy,
} from "../../hooks/tracks";
import { VOICE_JOB } from "../../tracks";
import listStyles from "../../../../styles/listSection.module.css";
import spokenStyles from "../../spoken.module.css";
import styles from "./MeditationSeries.module.css";

export interface MeditationSeriesProps {
  profileId: string;
  locale: string;
  /** The profile's settings: a day plays with its ambient bed, as a guided track does. */
  settings: Settings;
}

/**
 * The meditation series ("7 Day Calm", "Sleep Better"): each series' days, which open in order. Playing
 * a day has the voice on the device speak it into a guided track the first time (with its progress;
 * one meditation is spoken at a time), then plays that track in the guided tracks' player. A day is
 * done when its track has played to its end, and the next one opens.
 */
export function MeditationSeries({ profileId, locale, settings }: MeditationSeriesProps) {
  const t = useT();
  const copy = t.tracks;
  const id = useId();
  const series = useMeditationSeries(profileId);
  const playback = useTrackPlayback(profileId);
  const prepare = useSeriesDayTrack(profileId);
  const control = useTrackControl(profileId);
  // One meditation is spoken at a time (the team's and one written for the person too).
  const busy = useVoiceBusy(profileId);
  const { progress, reset } = useJobProgress(VOICE_JOB, profileId);
  const preparing = prepare.isPending ? prepare.variables : null;
  const loaded = playback.data ?? null;

  const play = (seriesId: SeriesId, day: number) => {
    if (busy) return;
    reset();
    control.reset();
    const title = copy.series.trackTitle(copy.series.names[seriesId], day);
    prepare.mutate(
      { series: seriesId, day, title },
      {
        onSuccess: (track) => {
          // Played as the guided tracks are: from where it last stopped, with the profile's bed.
          control.mutate({
            kind: "play",
            trackId: track.id,
            fromMs: null,
            ambient: settings.ambientOn ? settings.ambientSound : null,
          });
        },
      },
    );
  };

  const all = series.data ?? [];

  return (
    <section
      className={`${listStyles.section} ${spokenStyles.section}`}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} className={listStyles.title}>
        {copy.series.title}
      </h2>
      <p className={listStyles.muted}>
        {copy.series.hint} {copy.personal.english}
      </p>
      {series.isPending ? (
        <Loading />
      ) : series.isError ? (
        <ErrorState error={series.error} onRetry={() => void series.refetch()} />
      ) : (
        <ul className={styles.seriesList} aria-labelledby={`${id}-title`}>
          {all.map((item) => (
            <SeriesItem
              key={item.id}
              series={item}
              locale={locale}
              playingTrack={loaded?.playing === true ? loaded.trackId : null}
              disabled={busy || control.isPending}
              preparingDay={preparing?.series === item.id ? preparing.day : null}
              onPlay={(day) => {
                play(item.id, day);
              }}
            />
          ))}
        </ul>
      )}
      {preparing !== null ? (
        <ProgressBar
          label={copy.series.preparing(preparing.day)}
          done={progress?.done ?? 0}
          total={progress?.total ?? null}
          valueText={copy.progress}
        />
      ) : null}
      <InlineError error={prepare.error ?? control.error} />
    </section>
  );
}

function SeriesItem({
  series,
  locale,
  playingTrack,
  disabled,
  preparingDay,
  onPlay,
}: {
  series: Series;
  locale: string;
  /** The track playing now, if any. */
  playingTrack: string | null;
  disabled: boolean;
  /** The day of this series being prepared, if any. */
  preparingDay: number | null;
  onPlay: (day: number) => void;
}) {
  const t = useT();
  const copy = t.tracks;
  const headingId = useId();
  const name = copy.series.names[series.id];
  const done = series.days.filter((day) => day.completedOn !== null).length;
  return (
    <li className={`${listStyles.item} ${styles.series}`}>
      <h3 id={headingId} className={styles.name}>
        {name}
      </h3>
      <p className={listStyles.muted}>{copy.series.descriptions[series.id]}</p>
      <p className={styles.count}>{copy.series.daysDone(done, series.days.length)}</p>
      {series.completedOn !== null ? (
        <p className={styles.completed}>
          {copy.series.completedOn(
            formatDay(series.completedOn, locale, {
              day: "numeric",
              month: "short",
              year: "numeric",
            }),
          )}
        </p>
      ) : null}
      <ol className={listStyles.list} aria-labelledby={headingId}>
        {series.days.map((day) => (
          <DayItem
            key={day.day}
            day={day}
            seriesName={name}
            locale={locale}
            playing={day.trackId !== null && day.trackId === playingTrack}
            disabled={disabled}
            preparing={preparingDay === day.day}
            onPlay={() => {
              onPlay(day.day);
            }}
          />
        ))}
      </ol>
    </li>
  );
}

function DayItem({
  day,
  seriesName,
  locale,
  playing,
  disabled,
  preparing,
  onPlay,
}: {
  day: SeriesDay;
  seriesName: string;
  locale: string;
  /** Whether its track is the one playing now. */
  playing: boolean;
  disabled: boolean;
  preparing: boolean;
  onPlay: () => void;
}) {
  const t = useT();
  const copy = t.tracks;
  const details = [copy.kinds[day.kind], copy.spoken.minutes(day.minutes)];
  return (
    <li className={`${listStyles.rowItem} ${styles.day}`}>
      <div className={styles.dayText}>
        <span className={styles.dayName}>{copy.series.day(day.day)}</span>
        <span className={listStyles.muted}>{details.join(" · ")}</span>
        {day.completedOn !== null ? (
          <span className={styles.done}>
            <span aria-hidden="true">✓ </span>
            {copy.series.doneOn(formatDay(day.completedOn, locale))}
          </span>
        ) : null}
        {playing ? <span className={styles.playing}>{copy.nowPlaying}</span> : null}
      </div>
      {day.open ? (
        <Button
          variant="primary"
          aria-label={copy.series.playDay(day.day, seriesName)}
          aria-busy={preparing}
          disabled={disabled}
          onClick={onPlay}
        >
          {day.completedOn !== null ? copy.series.playAgain : copy.series.play}
        </Button>
      ) : (
        <span className={styles.locked}>{copy.series.opensAfter(day.day - 1)}</span>
      )}
    </li>
  );
}
