import { useEffect } from "react";
import { useIsMutating, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  useBackend,
  type AmbientKind,
  type GuidedTrack,
  type SeriesId,
  type TrackChanges,
  type TrackImport,
  type TrackPlayback,
  type WriteMeditation,
} from "../../../lib/backend";

/** How often the position is read while a track plays. */
export const PLAYBACK_POLL_MS = 500;

export const writtenKeys = {
  all: ["written-meditations"] as const,
};

export const trackKeys = {
  all: (profileId: string) => ["tracks", profileId] as const,
  list: (profileId: string) => ["tracks", profileId, "list"] as const,
  playback: (profileId: string) => ["tracks", profileId, "playback"] as const,
  script: (profileId: string, trackId: string) => ["tracks", profileId, "script", trackId] as const,
  /** The meditation series with the profile's days (under the tracks: a deleted track is forgotten by its day). */
  series: (profileId: string) => ["tracks", profileId, "series"] as const,
};

/**
 * The mutations that have the voice speak a meditation (the team's, one written for the person, or a
 * series' day).
 */
const speakingKey = (profileId: string) => ["tracks", profileId, "speaking"] as const;

/** Whether the voice is speaking a meditation for the profile now: one at a time. */
export function useVoiceBusy(profileId: string): boolean {
  return useIsMutating({ mutationKey: speakingKey(profileId) }) > 0;
}

/** The profile's guided tracks, newest first. */
export function useGuidedTracks(profileId: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: trackKeys.list(profileId),
    queryFn: () => backend.guidedTracks(profileId),
  });
}

/** Asks the shell's file dialog for an audio file: its path, or null when cancelled. */
export function usePickTrackFile() {
  const backend = useBackend();
  return useMutation({ mutationFn: () => backend.pickTrackFile() });
}

export function useImportTrack(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TrackImport) => backend.importTrack(profileId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trackKeys.list(profileId) }),
  });
}

/** The meditations the team wrote, which the voice on the device can speak; shortest first. */
export function useWrittenMeditations() {
  const backend = useBackend();
  return useQuery({
    queryKey: writtenKeys.all,
    queryFn: () => backend.writtenMeditations(),
    // Bundled with the app: they do not change while it runs.
    staleTime: Infinity,
  });
}

/** Speaks a written meditation into a new track titled `title` (the words of the UI's language). */
export function useSpeakWritten(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: speakingKey(profileId),
    mutationFn: ({ writtenId, title }: { writtenId: string; title: string }) =>
      backend.speakWrittenMeditation(profileId, writtenId, title),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trackKeys.list(profileId) }),
  });
}

/**
 * Has the profile's chat model write a meditation for the person, then the voice speak it into a new
 * track titled `input.title` (the words of the UI's language).
 */
export function useWriteMeditation(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: speakingKey(profileId),
    mutationFn: (input: WriteMeditation) => backend.writeMeditation(profileId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trackKeys.list(profileId) }),
  });
}

/**
 * The meditation series with the profile's days in each. The core marks a day done when its track
 * has played to its end, so they are read again when the track loaded has ended and is a day's.
 */
export function useMeditationSeries(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const series = useQuery({
    queryKey: trackKeys.series(profileId),
    queryFn: () => backend.meditationSeries(profileId),
  });
  const playback = useTrackPlayback(profileId);
  const ended = playback.data?.ended === true ? playback.data.trackId : null;
  const dayEnded =
    ended !== null && (series.data ?? []).some((s) => s.days.some((day) => day.trackId === ended));
  useEffect(() => {
    if (dayEnded) void queryClient.invalidateQueries({ queryKey: trackKeys.series(profileId) });
  }, [dayEnded, profileId, queryClient]);
  return series;
}

/**
 * The track of a series' day: spoken by the voice on its first play (titled `title`, the words of
 * the UI's language), the same track after. The series are read again either way (the day now has
 * its track; a day refused as locked shows where the person is).
 */
export function useSeriesDayTrack(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: speakingKey(profileId),
    mutationFn: ({ series, day, title }: { series: SeriesId; day: number; title: string }) =>
      backend.seriesDayTrack(profileId, series, day, title),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trackKeys.list(profileId) }),
        queryClient.invalidateQueries({ queryKey: trackKeys.series(profileId) }),
      ]),
    onError: () => queryClient.invalidateQueries({ queryKey: trackKeys.series(profileId) }),
  });
}

/** The script a track was spoken from (null when it was not written for the person). */
export function useTrackScript(profileId: string, trackId: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: trackKeys.script(profileId, trackId),
    queryFn: () => backend.trackScript(profileId, trackId),
    // A track's script does not change.
    staleTime: Infinity,
  });
}

/** Renames, retypes or (un)favourites a track; the list shows the answer at once. */
export function useUpdateTrack(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ trackId, changes }: { trackId: string; changes: Partial<TrackChanges> }) =>
      backend.updateTrack(profileId, trackId, {
        title: null,
        kind: null,
        language: null,
        favourite: null,
        ...changes,
      }),
    onSuccess: (track) => {
      queryClient.setQueryData<GuidedTrack[]>(trackKeys.list(profileId), (tracks) =>
        tracks?.map((t) => (t.id === track.id ? track : t)),
      );
    },
  });
}

export function useDeleteTrack(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (trackId: string) => backend.deleteTrack(profileId, trackId),
    // A deleted track that was loaded is stopped by the core.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trackKeys.all(profileId) }),
  });
}

/**
 * The track loaded now (playing or paused), read again every half second while it plays. When it
 * plays to its end the list is read again (its place is back at the start).
 */
export function useTrackPlayback(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const playback = useQuery({
    queryKey: trackKeys.playback(profileId),
    queryFn: () => backend.trackPlayback(profileId),
    refetchInterval: (query) => (query.state.data?.playing === true ? PLAYBACK_POLL_MS : false),
  });
  const ended = playback.data?.ended === true;
  useEffect(() => {
    if (ended) void queryClient.invalidateQueries({ queryKey: trackKeys.list(profileId) });
  }, [ended, profileId, queryClient]);
  return playback;
}

type Control =
  | { kind: "play"; trackId: string; fromMs: number | null; ambient: AmbientKind | null }
  | { kind: "pause" }
  | { kind: "seek"; positionMs: number }
  | { kind: "stop" };

/**
 * Plays, pauses, seeks and stops the profile's track. Each answer is the playback shown; play, pause
 * and stop save where listening is, so the list is read again after them.
 */
export function useTrackControl(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (control: Control): Promise<TrackPlayback | null> => {
      switch (control.kind) {
        case "play":
          return backend.playTrack(profileId, control.trackId, control.fromMs, control.ambient);
        case "pause":
          return backend.pauseTrack(profileId);
        case "seek":
          return backend.seekTrack(profileId, control.positionMs);
        case "stop":
          return backend.stopTrack(profileId);
      }
    },
    // A read of the position already under way would answer with the state before this control.
    onMutate: () => queryClient.cancelQueries({ queryKey: trackKeys.playback(profileId) }),
    onSuccess: async (state, control) => {
      queryClient.setQueryData(trackKeys.playback(profileId), state);
      if (control.kind !== "seek") {
        await queryClient.invalidateQueries({ queryKey: trackKeys.list(profileId) });
      }
    },
  });
}

export function useTrackVolume() {
  const backend = useBackend();
  return useMutation({ mutationFn: (volume: number) => backend.setTrackVolume(volume) });
}
