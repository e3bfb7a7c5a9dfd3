import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useBackend, type Checkin, type DayRange, type NewCheckin } from "../../../lib/backend";

/** Check-ins per page of the recent list. */
export const CHECKIN_PAGE = 20;

export const moodKeys = {
  all: (profileId: string) => ["mood", profileId] as const,
  checkins: (profileId: string) => ["mood", profileId, "checkins"] as const,
  trend: (profileId: string, range: DayRange) => ["mood", profileId, "trend", range] as const,
};

/** The profile's check-ins of every kind, newest first, a page at a time. */
export function useCheckins(profileId: string) {
  const backend = useBackend();
  return useInfiniteQuery({
    queryKey: moodKeys.checkins(profileId),
    queryFn: ({ pageParam }) =>
      backend.listCheckins(profileId, { limit: CHECKIN_PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last: Checkin[], pages) =>
      last.length < CHECKIN_PAGE ? undefined : pages.length * CHECKIN_PAGE,
  });
}

/** Mood per day over `range`, with the activities and the changes around them. */
export function useMoodTrend(profileId: string, range: DayRange) {
  const backend = useBackend();
  return useQuery({
    queryKey: moodKeys.trend(profileId, range),
    queryFn: () => backend.moodTrend(profileId, range),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateMood(profileId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: moodKeys.all(profileId) });
}

export function useAddCheckin(profileId: string) {
  const backend = useBackend();
  const invalidate = useInvalidateMood(profileId);
  return useMutation({
    mutationFn: (checkin: NewCheckin) => backend.addCheckin(profileId, checkin),
    onSuccess: invalidate,
  });
}

export function useDeleteCheckin(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateMood(profileId);
  return useMutation({
    mutationFn: (checkinId: string) => backend.deleteCheckin(profileId, checkinId),
    // An activity's mood is its check-in: a saved entry shows one mood fewer now.
    onSuccess: () =>
      Promise.all([
        invalidate(),
        queryClient.invalidateQueries({ queryKey: ["journal", profileId] }),
      ]),
  });
}
